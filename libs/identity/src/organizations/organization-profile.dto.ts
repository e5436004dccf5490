import {
  CleanText,
  DISTRICT_CODES,
  INDUSTRY_CODES,
  IsCode,
  IsYuan,
  MaxChars,
  PHONE_PATTERN,
  QUALIFICATION_CODES,
  SingleLine,
} from '@app/core';
import type { District, Industry, Qualification } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

/** The profile fields an organization keeps up to date itself. */
export class OrganizationProfileDto {
  @ApiPropertyOptional({ enum: DISTRICT_CODES, description: 'District code (区/市).' })
  @IsOptional()
  @IsCode(DISTRICT_CODES)
  district?: District;

  @ApiPropertyOptional({ enum: INDUSTRY_CODES, description: 'Industry chain code.' })
  @IsOptional()
  @IsCode(INDUSTRY_CODES)
  industry?: Industry;

  @ApiPropertyOptional({
    enum: QUALIFICATION_CODES,
    isArray: true,
    description: 'Self-declared qualifications (资质); the whitelist confirms them.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(QUALIFICATION_CODES.length)
  @ArrayUnique()
  @IsCode(QUALIFICATION_CODES, { each: true })
  qualifications?: Qualification[];

  @ApiPropertyOptional({
    example: '2016-05-18',
    description: 'Date founded, YYYY-MM-DD, not in the future.',
  })
  @IsOptional()
  @Matches(/^(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
    message: 'foundedOn must be a date YYYY-MM-DD',
  })
  // The pattern alone lets 2023-02-30 through, which the DATE column then refuses.
  @IsISO8601({ strict: true }, { message: 'foundedOn must be a real calendar date' })
  foundedOn?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 10_000_000, description: 'Number of employees.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  employees?: number;

  @ApiPropertyOptional({ description: 'Annual revenue in yuan (integer).' })
  @IsOptional()
  @IsYuan(0, 10_000_000_000_000)
  annualRevenue?: number;

  @ApiPropertyOptional({ description: 'Annual R&D expense in yuan (integer).' })
  @IsOptional()
  @IsYuan(0, 10_000_000_000_000)
  rdExpense?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'Patents and other IP rights held.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  ipCount?: number;

  @ApiPropertyOptional({ maxLength: 2000, description: 'What the organization does.' })
  @IsOptional()
  @CleanText()
  @IsString()
  @MaxChars(2000)
  description?: string;

  @ApiPropertyOptional({
    maxLength: 50,
    description: 'Contact person (hidden from other tenants).',
  })
  @IsOptional()
  @SingleLine()
  @IsString()
  @MinLength(1)
  @MaxChars(50)
  contactName?: string;

  @ApiPropertyOptional({
    example: '0532-88886666',
    description: 'Contact phone (hidden from other tenants).',
  })
  @IsOptional()
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'contactPhone must be a mainland mobile or landline number' })
  contactPhone?: string;
}
