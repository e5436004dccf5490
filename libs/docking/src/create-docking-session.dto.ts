import { CleanText, MaxChars } from '@app/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID } from 'class-validator';

/**
 * An enterprise applies to a product with one of its needs, or an institution invites a
 * published need to one of its products.
 */
export class CreateDockingSessionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  needId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productId!: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'A first word to the other side.' })
  @IsOptional()
  @CleanText()
  @IsString()
  @MaxChars(500)
  note?: string;
}
