import { DISTRICT_CODES, INDUSTRY_CODES, IsCode, IsYuan, QUALIFICATION_CODES } from '@app/core';
import type { District, Industry, Qualification } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  Max,
  Min,
} from 'class-validator';
import { OptionalNotNull, ZeroAsNoMinimum } from './dto-decorators';

/**
 * Who may apply. Lists left empty mean "any"; the two minimums may be null or 0 (no minimum,
 * stored as null). In a PATCH each field sent replaces the stored one and the others stay.
 */
export class ProductEligibilityDto {
  @ApiPropertyOptional({
    default: false,
    description: 'Only enterprises on a published whitelist (科技型企业白名单) may apply.',
  })
  @OptionalNotNull()
  @IsBoolean()
  requiresWhitelist?: boolean;

  @ApiPropertyOptional({
    enum: QUALIFICATION_CODES,
    isArray: true,
    description: 'Any one of these qualifications suffices; empty: none asked for.',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(QUALIFICATION_CODES.length)
  @ArrayUnique()
  @IsCode(QUALIFICATION_CODES, { each: true })
  qualificationsAny?: Qualification[];

  @ApiPropertyOptional({
    enum: DISTRICT_CODES,
    isArray: true,
    description: 'Districts served; empty: every district.',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(DISTRICT_CODES.length)
  @ArrayUnique()
  @IsCode(DISTRICT_CODES, { each: true })
  districts?: District[];

  @ApiPropertyOptional({
    enum: INDUSTRY_CODES,
    isArray: true,
    description: 'Industries served; empty: every industry.',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(INDUSTRY_CODES.length)
  @ArrayUnique()
  @IsCode(INDUSTRY_CODES, { each: true })
  industries?: Industry[];

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    nullable: true,
    description:
      'Minimum whole years since the enterprise was founded; null or 0: none (stored as null).',
  })
  @ZeroAsNoMinimum()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  minYearsFounded?: number | null;

  @ApiPropertyOptional({
    nullable: true,
    description: 'Minimum annual revenue in yuan (integer); null or 0: none (stored as null).',
  })
  @ZeroAsNoMinimum()
  @IsOptional()
  @IsYuan(0, 10_000_000_000_000)
  minAnnualRevenue?: number | null;
}
