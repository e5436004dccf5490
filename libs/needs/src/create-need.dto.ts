import {
  CleanText,
  FUNDING_TYPE_CODES,
  GUARANTEE_CODES,
  IsBasisPoints,
  IsCode,
  IsYuan,
  MaxChars,
  NEED_PURPOSE_CODES,
  SingleLine,
} from '@app/core';
import type { FundingType, Guarantee, NeedPurpose } from '@app/core';
import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsISO8601,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

export const NEED_AMOUNT_MIN = 10_000;
export const NEED_AMOUNT_MAX = 100_000_000_000;
export const NEED_TERM_MIN = 1;
export const NEED_TERM_MAX = 360;
export const NEED_TITLE_MAX = 100;
export const NEED_DESCRIPTION_MAX = 5000;

/** A new financing need; it starts as a draft. */
export class CreateNeedDto {
  @ApiProperty({ maxLength: NEED_TITLE_MAX, example: '研发中试线建设资金需求' })
  @SingleLine()
  @IsString()
  @MinLength(1)
  @MaxChars(NEED_TITLE_MAX)
  title!: string;

  @ApiProperty({ maxLength: NEED_DESCRIPTION_MAX, description: 'What the money is for.' })
  @CleanText()
  @IsString()
  @MinLength(1)
  @MaxChars(NEED_DESCRIPTION_MAX)
  description!: string;

  @ApiProperty({
    minimum: NEED_AMOUNT_MIN,
    maximum: NEED_AMOUNT_MAX,
    example: 5_000_000,
    description: 'Amount sought, in whole yuan.',
  })
  @IsYuan(NEED_AMOUNT_MIN, NEED_AMOUNT_MAX)
  amount!: number;

  @ApiProperty({ minimum: NEED_TERM_MIN, maximum: NEED_TERM_MAX, description: 'Term in months.' })
  @IsInt()
  @Min(NEED_TERM_MIN)
  @Max(NEED_TERM_MAX)
  termMonths!: number;

  @ApiProperty({ enum: NEED_PURPOSE_CODES, description: 'What the money is for (用途).' })
  @IsCode(NEED_PURPOSE_CODES)
  purpose!: NeedPurpose;

  @ApiProperty({
    enum: FUNDING_TYPE_CODES,
    isArray: true,
    description: 'Acceptable funding types (融资方式), at least one.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(FUNDING_TYPE_CODES.length)
  @ArrayUnique()
  @IsCode(FUNDING_TYPE_CODES, { each: true })
  fundingTypes!: FundingType[];

  @ApiProperty({
    enum: GUARANTEE_CODES,
    isArray: true,
    description: 'Guarantees the enterprise can offer (担保方式), at least one.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(GUARANTEE_CODES.length)
  @ArrayUnique()
  @IsCode(GUARANTEE_CODES, { each: true })
  guarantees!: Guarantee[];

  @ApiProperty({
    minimum: 0,
    maximum: 3600,
    example: 450,
    description: 'Highest acceptable annual rate in basis points (450 = 4.50 %).',
  })
  @IsBasisPoints(0, 3600)
  maxRateBps!: number;

  @ApiProperty({
    example: '2026-12-31',
    description: 'Date the money is needed by, YYYY-MM-DD (UTC), after today.',
  })
  @IsString()
  @Matches(/^(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
    message: 'fundBy must be a date YYYY-MM-DD',
  })
  // The pattern alone lets 2027-02-30 through, which the DATE column then refuses.
  @IsISO8601({ strict: true }, { message: 'fundBy must be a real calendar date' })
  fundBy!: string;
}
