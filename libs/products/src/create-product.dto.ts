import { FUNDING_TYPE_CODES, GUARANTEE_CODES, PRODUCT_KIND_CODES } from '@app/core';
import type { FundingType, Guarantee, ProductKind } from '@app/core';
import { ApiProperty } from '@nestjs/swagger';
import { ValidateIf } from 'class-validator';
import {
  AMOUNT_MAX_YUAN,
  AMOUNT_MIN_YUAN,
  RATE_MAX_BPS,
  TERM_MAX_MONTHS,
  UpdateProductDto,
} from './update-product.dto';

/** Always validated: replaces the inherited "skip when absent" of UpdateProductDto. */
const Required = (): PropertyDecorator => ValidateIf(() => true);

/** A new product, saved as a draft; eligibility defaults to "any enterprise". */
export class CreateProductDto extends UpdateProductDto {
  @ApiProperty({ minLength: 2, maxLength: 100, example: '科技型企业知识产权质押贷款' })
  @Required()
  override name!: string;

  @ApiProperty({ enum: PRODUCT_KIND_CODES, description: 'Product kind.' })
  @Required()
  override kind!: ProductKind;

  @ApiProperty({ maxLength: 5000, description: 'What the product offers, and to whom.' })
  @Required()
  override description!: string;

  @ApiProperty({ minimum: AMOUNT_MIN_YUAN, maximum: AMOUNT_MAX_YUAN, description: 'Yuan.' })
  @Required()
  override amountMin!: number;

  @ApiProperty({ minimum: AMOUNT_MIN_YUAN, maximum: AMOUNT_MAX_YUAN, description: 'Yuan.' })
  @Required()
  override amountMax!: number;

  @ApiProperty({ minimum: 1, maximum: TERM_MAX_MONTHS, description: 'Months.' })
  @Required()
  override termMinMonths!: number;

  @ApiProperty({ minimum: 1, maximum: TERM_MAX_MONTHS, description: 'Months.' })
  @Required()
  override termMaxMonths!: number;

  @ApiProperty({ minimum: 0, maximum: RATE_MAX_BPS, description: 'Basis points.' })
  @Required()
  override rateMinBps!: number;

  @ApiProperty({ minimum: 0, maximum: RATE_MAX_BPS, description: 'Basis points.' })
  @Required()
  override rateMaxBps!: number;

  @ApiProperty({ enum: GUARANTEE_CODES, isArray: true, description: 'At least one.' })
  @Required()
  override guarantees!: Guarantee[];

  @ApiProperty({ enum: FUNDING_TYPE_CODES, isArray: true, description: 'At least one.' })
  @Required()
  override fundingTypes!: FundingType[];

  @ApiProperty({ minimum: 1, maximum: 365, description: 'Days to a decision.' })
  @Required()
  override approvalDays!: number;
}
