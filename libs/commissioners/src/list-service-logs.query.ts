import { IsCode, PageQueryDto, SERVICE_LOG_KIND_CODES } from '@app/core';
import type { ServiceLogKind } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';

export class ListServiceLogsQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  enterpriseOrgId?: string;

  @ApiPropertyOptional({ enum: SERVICE_LOG_KIND_CODES })
  @IsOptional()
  @IsCode(SERVICE_LOG_KIND_CODES)
  kind?: ServiceLogKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'Logs that came from this event.' })
  @IsOptional()
  @IsUUID()
  eventId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  dockingSessionId?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'On or after this day.' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'On or before this day.' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  to?: string;
}
