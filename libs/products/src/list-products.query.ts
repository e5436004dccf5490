import {
  DISTRICT_CODES,
  FUNDING_TYPE_CODES,
  GUARANTEE_CODES,
  INDUSTRY_CODES,
  IsBasisPoints,
  IsCode,
  IsYuan,
  MaxChars,
  PageQueryDto,
  PRODUCT_KIND_CODES,
  PRODUCT_STATUS_CODES,
  QueryBoolean,
  QueryList,
  SingleLine,
} from '@app/core';
import type {
  District,
  FundingType,
  Guarantee,
  Industry,
  ProductKind,
  ProductStatus,
} from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
} from 'class-validator';
import { CATALOG_SORTS } from './catalog-filter';
import type { CatalogSort } from './catalog-filter';
import { AMOUNT_MAX_YUAN, RATE_MAX_BPS, TERM_MAX_MONTHS } from './update-product.dto';

/**
 * The catalog (产品超市) query, or with `mine=true` an institution's own products in every
 * status. Lists take repeated parameters or commas: `kind=credit_loan&kind=talent_loan`.
 */
export class ListProductsQuery extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Institutions: your own products in every status, from the database.',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ enum: PRODUCT_STATUS_CODES, description: 'With mine=true only.' })
  @IsOptional()
  @IsCode(PRODUCT_STATUS_CODES)
  status?: ProductStatus;

  @ApiPropertyOptional({ maxLength: 100, description: 'Full-text search, Chinese synonyms too.' })
  @IsOptional()
  @SingleLine()
  @IsString()
  @MaxChars(100)
  q?: string;

  @ApiPropertyOptional({ enum: PRODUCT_KIND_CODES, isArray: true, description: 'Any of these.' })
  @IsOptional()
  @QueryList()
  @IsArray()
  @ArrayMaxSize(PRODUCT_KIND_CODES.length)
  @IsCode(PRODUCT_KIND_CODES, { each: true })
  kind?: ProductKind[];

  @ApiPropertyOptional({
    enum: GUARANTEE_CODES,
    isArray: true,
    description: 'Products accepting any of these guarantees.',
  })
  @IsOptional()
  @QueryList()
  @IsArray()
  @ArrayMaxSize(GUARANTEE_CODES.length)
  @IsCode(GUARANTEE_CODES, { each: true })
  guarantees?: Guarantee[];

  @ApiPropertyOptional({
    enum: FUNDING_TYPE_CODES,
    isArray: true,
    description: 'Products offering any of these funding types.',
  })
  @IsOptional()
  @QueryList()
  @IsArray()
  @ArrayMaxSize(FUNDING_TYPE_CODES.length)
  @IsCode(FUNDING_TYPE_CODES, { each: true })
  fundingTypes?: FundingType[];

  @ApiPropertyOptional({ format: 'uuid', description: "One institution's products." })
  @IsOptional()
  @IsUUID()
  orgId?: string;

  @ApiPropertyOptional({ description: 'Yuan: products whose amount range contains it.' })
  @IsOptional()
  @Type(() => Number)
  @IsYuan(1, AMOUNT_MAX_YUAN)
  amount?: number;

  @ApiPropertyOptional({ description: 'Months: products whose term range contains it.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(TERM_MAX_MONTHS)
  termMonths?: number;

  @ApiPropertyOptional({ description: 'Basis points: products whose lowest rate is at most it.' })
  @IsOptional()
  @Type(() => Number)
  @IsBasisPoints(0, RATE_MAX_BPS)
  maxRateBps?: number;

  @ApiPropertyOptional({ enum: DISTRICT_CODES, description: 'Products serving this district.' })
  @IsOptional()
  @IsCode(DISTRICT_CODES)
  district?: District;

  @ApiPropertyOptional({ enum: INDUSTRY_CODES, description: 'Products serving this industry.' })
  @IsOptional()
  @IsCode(INDUSTRY_CODES)
  industry?: Industry;

  @ApiPropertyOptional({
    description: 'Only products that do (true) or do not (false) need the whitelist.',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  requiresWhitelist?: boolean;

  @ApiPropertyOptional({
    enum: CATALOG_SORTS,
    default: 'relevance',
    description:
      'relevance; rate (lowest rate first); approvalDays (fastest first); amountMax (largest first); newest.',
  })
  @IsOptional()
  @IsCode(CATALOG_SORTS)
  sort?: CatalogSort;
}
