import { ApiProperty } from '@nestjs/swagger';

/** The platform's figures anyone may see: counts only, nothing about any one organization. */
export class PublicStatsView {
  @ApiProperty({ description: 'Products on the public shelf (产品超市) now.' })
  productsListed!: number;

  @ApiProperty({ description: 'Verified banks, investors, insurers, guarantors, leasing firms.' })
  institutions!: number;

  @ApiProperty({ description: 'Verified tech enterprises.' })
  enterprises!: number;

  @ApiProperty({ description: 'Financing needs ever put before the institutions.' })
  needsPublished!: number;

  @ApiProperty({ description: 'Financing needs that reached a docking session (served).' })
  needsServed!: number;

  @ApiProperty({ description: 'Published events that have not started yet.' })
  upcomingEvents!: number;

  @ApiProperty({ format: 'date-time', description: 'When these figures were counted.' })
  countedAt!: string;
}
