import { DISTRICT_CODES, INDUSTRY_CODES, IsCode, IsYuan, QueryBoolean } from '@app/core';
import type { District, Industry } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_MATCHES } from './match-engine.service';

export const DEFAULT_MATCHES = 10;

export class MatchesQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_MATCHES, default: DEFAULT_MATCHES })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_MATCHES)
  limit: number = DEFAULT_MATCHES;
}

/** Product -> needs narrows further on what an account manager sorts leads by. */
export class ProductMatchesQuery extends MatchesQuery {
  @ApiPropertyOptional({ enum: DISTRICT_CODES, description: "The enterprise's district." })
  @IsOptional()
  @IsCode(DISTRICT_CODES)
  district?: District;

  @ApiPropertyOptional({ enum: INDUSTRY_CODES, description: "The enterprise's industry." })
  @IsOptional()
  @IsCode(INDUSTRY_CODES)
  industry?: Industry;

  @ApiPropertyOptional({ description: 'Only (or never) whitelisted enterprises.' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  whitelisted?: boolean;

  @ApiPropertyOptional({ description: 'Smallest need amount, in yuan.' })
  @IsOptional()
  @Type(() => Number)
  @IsYuan(0, 100_000_000_000)
  amountMin?: number;

  @ApiPropertyOptional({ description: 'Largest need amount, in yuan.' })
  @IsOptional()
  @Type(() => Number)
  @IsYuan(0, 100_000_000_000)
  amountMax?: number;
}
