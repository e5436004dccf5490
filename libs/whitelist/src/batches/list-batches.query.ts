import { IsCode, PageQueryDto, WHITELIST_BATCH_STATUS_CODES } from '@app/core';
import type { WhitelistBatchStatus } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class ListBatchesQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only batches of this year.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: WHITELIST_BATCH_STATUS_CODES, description: 'Only this status.' })
  @IsOptional()
  @IsCode(WHITELIST_BATCH_STATUS_CODES)
  status?: WhitelistBatchStatus;
}
