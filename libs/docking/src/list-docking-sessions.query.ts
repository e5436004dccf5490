import { DOCKING_STATUS_CODES, IsCode, PageQueryDto, QueryBoolean } from '@app/core';
import type { DockingStatus } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';

export class ListDockingSessionsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: DOCKING_STATUS_CODES })
  @IsOptional()
  @IsCode(DOCKING_STATUS_CODES)
  status?: DockingStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  needId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @ApiPropertyOptional({ description: 'Only requests past their answer deadline.' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  overdue?: boolean;
}
