import {
  CleanText,
  FUNDING_TYPE_CODES,
  GUARANTEE_CODES,
  IsBasisPoints,
  IsCode,
  IsYuan,
  MaxChars,
  PRODUCT_KIND_CODES,
  SingleLine,
} from '@app/core';
import type { FundingType, Guarantee, ProductKind } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsObject,
  IsString,
  Max,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull } from './dto-decorators';
import { ProductEligibilityDto } from './product-eligibility.dto';

export const AMOUNT_MIN_YUAN = 10_000;
export const AMOUNT_MAX_YUAN = 100_000_000_000;
export const TERM_MAX_MONTHS = 360;
export const RATE_MAX_BPS = 3600;

/**
 * The content of a product. Every field is optional here (a PATCH sends what changes) but none
 * may be null; CreateProductDto makes the required ones required. Ranges are checked low to
 * high by the service, against the stored ends when only one end changes.
 */
export class UpdateProductDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 100, example: '科技型企业知识产权质押贷款' })
  @OptionalNotNull()
  @SingleLine()
  @IsString()
  @MinLength(2)
  @MaxChars(100)
  name?: string;

  @ApiPropertyOptional({ enum: PRODUCT_KIND_CODES, description: 'Product kind.' })
  @OptionalNotNull()
  @IsCode(PRODUCT_KIND_CODES)
  kind?: ProductKind;

  @ApiPropertyOptional({ maxLength: 5000, description: 'What the product offers, and to whom.' })
  @OptionalNotNull()
  @CleanText()
  @IsString()
  @MinLength(1)
  @MaxChars(5000)
  description?: string;

  @ApiPropertyOptional({
    minimum: AMOUNT_MIN_YUAN,
    maximum: AMOUNT_MAX_YUAN,
    description: 'Smallest amount lent or invested, in yuan (integer).',
  })
  @OptionalNotNull()
  @IsYuan(AMOUNT_MIN_YUAN, AMOUNT_MAX_YUAN)
  amountMin?: number;

  @ApiPropertyOptional({
    minimum: AMOUNT_MIN_YUAN,
    maximum: AMOUNT_MAX_YUAN,
    description: 'Largest amount, in yuan (integer); not below amountMin.',
  })
  @OptionalNotNull()
  @IsYuan(AMOUNT_MIN_YUAN, AMOUNT_MAX_YUAN)
  amountMax?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: TERM_MAX_MONTHS, description: 'Shortest term.' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(TERM_MAX_MONTHS)
  termMinMonths?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: TERM_MAX_MONTHS,
    description: 'Longest term in months; not below termMinMonths.',
  })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(TERM_MAX_MONTHS)
  termMaxMonths?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: RATE_MAX_BPS,
    description: 'Lowest annual rate in basis points (385 = 3.85 %).',
  })
  @OptionalNotNull()
  @IsBasisPoints(0, RATE_MAX_BPS)
  rateMinBps?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: RATE_MAX_BPS,
    description: 'Highest annual rate in basis points; not below rateMinBps.',
  })
  @OptionalNotNull()
  @IsBasisPoints(0, RATE_MAX_BPS)
  rateMaxBps?: number;

  @ApiPropertyOptional({
    enum: GUARANTEE_CODES,
    isArray: true,
    description: 'Guarantees accepted (担保方式), at least one.',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(GUARANTEE_CODES.length)
  @ArrayUnique()
  @IsCode(GUARANTEE_CODES, { each: true })
  guarantees?: Guarantee[];

  @ApiPropertyOptional({
    enum: FUNDING_TYPE_CODES,
    isArray: true,
    description: 'Funding types offered (融资方式), at least one.',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(FUNDING_TYPE_CODES.length)
  @ArrayUnique()
  @IsCode(FUNDING_TYPE_CODES, { each: true })
  fundingTypes?: FundingType[];

  @ApiPropertyOptional({ type: ProductEligibilityDto, description: 'Who may apply.' })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => ProductEligibilityDto)
  eligibility?: ProductEligibilityDto;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 365,
    description: 'Usual days from a complete application to a decision.',
  })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(365)
  approvalDays?: number;
}
