import { CleanText, MaxChars } from '@app/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID } from 'class-validator';

/** An investor at a roadshow wants to talk to an enterprise that pitched. */
export class WantToTalkDto {
  @ApiProperty({ format: 'uuid', description: 'The pitching enterprise.' })
  @IsUUID()
  enterpriseOrgId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "One of your institution's published products: a docking session is opened as an invitation of the enterprise's need with it.",
  })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "The enterprise's published need to invite; by default its newest need the product can serve.",
  })
  @IsOptional()
  @IsUUID()
  needId?: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'A first word to the enterprise.' })
  @IsOptional()
  @CleanText()
  @IsString()
  @MaxChars(500)
  note?: string;
}
