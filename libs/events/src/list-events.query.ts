import {
  DISTRICT_CODES,
  EVENT_AUDIENCE_CODES,
  EVENT_KIND_CODES,
  EVENT_STATUS_CODES,
  IsCode,
  MaxChars,
  PageQueryDto,
  QueryBoolean,
  QueryList,
  SingleLine,
} from '@app/core';
import type { District, EventAudience, EventKind, EventStatus } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString } from 'class-validator';
import { IsDayOrTime } from './event-time.validator';

/**
 * Published events from search, or with `mine=true` the caller's own from the database: those
 * an enterprise or institution signed up for, those a commissioner organizes, all for admins.
 */
export class ListEventsQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Your events in every status, from the database.' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ enum: EVENT_STATUS_CODES, description: 'With mine=true only.' })
  @IsOptional()
  @IsCode(EVENT_STATUS_CODES)
  status?: EventStatus;

  @ApiPropertyOptional({ maxLength: 100, description: 'Full-text search of published events.' })
  @IsOptional()
  @SingleLine()
  @IsString()
  @MaxChars(100)
  q?: string;

  @ApiPropertyOptional({ enum: EVENT_KIND_CODES, isArray: true, description: 'Any of these.' })
  @IsOptional()
  @QueryList()
  @IsArray()
  @ArrayMaxSize(EVENT_KIND_CODES.length)
  @IsCode(EVENT_KIND_CODES, { each: true })
  kind?: EventKind[];

  @ApiPropertyOptional({ enum: DISTRICT_CODES, isArray: true, description: 'Any of these.' })
  @IsOptional()
  @QueryList()
  @IsArray()
  @ArrayMaxSize(DISTRICT_CODES.length)
  @IsCode(DISTRICT_CODES, { each: true })
  district?: District[];

  @ApiPropertyOptional({
    enum: EVENT_AUDIENCE_CODES,
    description: 'Events for exactly this audience (enterprises and institutions only see theirs).',
  })
  @IsOptional()
  @IsCode(EVENT_AUDIENCE_CODES)
  audience?: EventAudience;

  @ApiPropertyOptional({
    example: '2026-05-01',
    description: 'Starting at or after: a day (Asia/Shanghai) or an ISO 8601 time.',
  })
  @IsOptional()
  @IsDayOrTime()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-05-31',
    description: 'Starting before: a time, or a day (the whole day included).',
  })
  @IsOptional()
  @IsDayOrTime()
  to?: string;
}
