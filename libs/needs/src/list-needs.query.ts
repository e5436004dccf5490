import {
  DISTRICT_CODES,
  FUNDING_TYPE_CODES,
  GUARANTEE_CODES,
  INDUSTRY_CODES,
  IsCode,
  IsYuan,
  NEED_PURPOSE_CODES,
  NEED_STATUS_CODES,
  PageQueryDto,
  QUALIFICATION_CODES,
  QueryBoolean,
  QueryList,
  SingleLine,
} from '@app/core';
import type {
  District,
  FundingType,
  Guarantee,
  Industry,
  NeedPurpose,
  NeedStatus,
  Qualification,
} from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { NEED_AMOUNT_MAX, NEED_TERM_MAX } from './create-need.dto';

export const NEED_SORTS = ['newest', 'amount', 'fundBy'] as const;
export type NeedSort = (typeof NEED_SORTS)[number];

export class ListNeedsQuery extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'Full-text search (Chinese is fine).' })
  @IsOptional()
  @SingleLine()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    enum: NEED_STATUS_CODES,
    description: 'Enterprises: filters their own needs. Others see published needs only.',
  })
  @IsOptional()
  @IsCode(NEED_STATUS_CODES)
  status?: NeedStatus;

  @ApiPropertyOptional({ enum: DISTRICT_CODES, description: "The enterprise's district." })
  @IsOptional()
  @IsCode(DISTRICT_CODES)
  district?: District;

  @ApiPropertyOptional({ enum: INDUSTRY_CODES, description: "The enterprise's industry." })
  @IsOptional()
  @IsCode(INDUSTRY_CODES)
  industry?: Industry;

  @ApiPropertyOptional({ enum: NEED_PURPOSE_CODES })
  @IsOptional()
  @IsCode(NEED_PURPOSE_CODES)
  purpose?: NeedPurpose;

  @ApiPropertyOptional({
    enum: FUNDING_TYPE_CODES,
    isArray: true,
    description: 'Needs accepting any of these (comma-separated or repeated).',
  })
  @IsOptional()
  @QueryList()
  @IsArray()
  @ArrayMaxSize(FUNDING_TYPE_CODES.length)
  @IsCode(FUNDING_TYPE_CODES, { each: true })
  fundingTypes?: FundingType[];

  @ApiPropertyOptional({
    enum: GUARANTEE_CODES,
    isArray: true,
    description: 'Needs offering any of these guarantees.',
  })
  @IsOptional()
  @QueryList()
  @IsArray()
  @ArrayMaxSize(GUARANTEE_CODES.length)
  @IsCode(GUARANTEE_CODES, { each: true })
  guarantees?: Guarantee[];

  @ApiPropertyOptional({
    enum: QUALIFICATION_CODES,
    isArray: true,
    description: 'Enterprises holding any of these qualifications.',
  })
  @IsOptional()
  @QueryList()
  @IsArray()
  @ArrayMaxSize(QUALIFICATION_CODES.length)
  @IsCode(QUALIFICATION_CODES, { each: true })
  qualifications?: Qualification[];

  @ApiPropertyOptional({ description: 'Lowest amount, yuan (inclusive).' })
  @IsOptional()
  @Type(() => Number)
  @IsYuan(0, NEED_AMOUNT_MAX)
  amountMin?: number;

  @ApiPropertyOptional({ description: 'Highest amount, yuan (inclusive).' })
  @IsOptional()
  @Type(() => Number)
  @IsYuan(0, NEED_AMOUNT_MAX)
  amountMax?: number;

  @ApiPropertyOptional({ description: 'Shortest term, months (inclusive).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(NEED_TERM_MAX)
  termMin?: number;

  @ApiPropertyOptional({ description: 'Longest term, months (inclusive).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(NEED_TERM_MAX)
  termMax?: number;

  @ApiPropertyOptional({ description: 'Only (true) or no (false) whitelisted enterprises.' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  whitelisted?: boolean;

  @ApiPropertyOptional({
    enum: NEED_SORTS,
    description:
      'newest (default without q), amount (largest first), fundBy (soonest first); with q and no sort: relevance.',
  })
  @IsOptional()
  @IsIn(NEED_SORTS)
  sort?: NeedSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], description: 'Overrides the direction of sort.' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}
