import { IsCode, MATCH_STATUS_CODES, PageQueryDto } from '@app/core';
import type { MatchStatus } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class ListMatchesQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the matches of this need.' })
  @IsOptional()
  @IsUUID()
  needId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the matches of this product.' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @ApiPropertyOptional({ enum: MATCH_STATUS_CODES, description: 'Only matches in this status.' })
  @IsOptional()
  @IsCode(MATCH_STATUS_CODES)
  status?: MatchStatus;
}
