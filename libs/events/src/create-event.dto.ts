import {
  CleanText,
  DISTRICT_CODES,
  EVENT_AUDIENCE_CODES,
  EVENT_KIND_CODES,
  IsCode,
  MaxChars,
  SingleLine,
} from '@app/core';
import type { District, EventAudience, EventKind } from '@app/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUrl, IsUUID, Max, Min, MinLength } from 'class-validator';
import { IsEventTime } from './event-time.validator';

export const EVENT_TITLE_MAX = 100;
export const EVENT_DESCRIPTION_MAX = 5000;
export const EVENT_VENUE_MAX = 200;
export const EVENT_URL_MAX = 500;
export const EVENT_CAPACITY_MAX = 10_000;
export const SLOT_MINUTES_MAX = 60;

/** A new event; it starts as a draft only its organizer and admins see. */
export class CreateEventDto {
  @ApiProperty({ enum: EVENT_KIND_CODES })
  @IsCode(EVENT_KIND_CODES)
  kind!: EventKind;

  @ApiProperty({ maxLength: EVENT_TITLE_MAX, example: '2026年崂山区科技企业融资路演（第三期）' })
  @SingleLine()
  @IsString()
  @MinLength(1)
  @MaxChars(EVENT_TITLE_MAX)
  title!: string;

  @ApiProperty({ maxLength: EVENT_DESCRIPTION_MAX })
  @CleanText()
  @IsString()
  @MinLength(1)
  @MaxChars(EVENT_DESCRIPTION_MAX)
  description!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Admins only: the commissioner (or admin) who runs it. Default: the caller.',
  })
  @IsOptional()
  @IsUUID()
  organizerId?: string;

  @ApiProperty({
    example: '2026-05-20T14:00',
    description: 'ISO 8601; without an offset, a time in Asia/Shanghai. Stored in UTC.',
  })
  @IsEventTime()
  startsAt!: string;

  @ApiProperty({ example: '2026-05-20T17:00', description: 'After startsAt, within 31 days.' })
  @IsEventTime()
  endsAt!: string;

  @ApiPropertyOptional({ description: 'Last moment to sign up; at most startsAt (the default).' })
  @IsOptional()
  @IsEventTime()
  registrationDeadline?: string | null;

  @ApiPropertyOptional({ maxLength: EVENT_VENUE_MAX, example: '崂山区科技金融服务中心3楼路演厅' })
  @IsOptional()
  @SingleLine()
  @IsString()
  @MinLength(1)
  @MaxChars(EVENT_VENUE_MAX)
  venue?: string | null;

  @ApiPropertyOptional({ maxLength: EVENT_URL_MAX, description: 'For online or hybrid events.' })
  @IsOptional()
  // IsUrl lets a NEL (U+0085) through, which would break the link's line in a calendar.
  @SingleLine()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxChars(EVENT_URL_MAX)
  onlineUrl?: string | null;

  @ApiPropertyOptional({ enum: DISTRICT_CODES })
  @IsOptional()
  @IsCode(DISTRICT_CODES)
  district?: District | null;

  @ApiProperty({ minimum: 1, maximum: EVENT_CAPACITY_MAX, description: 'Seats; then a waitlist.' })
  @IsInt()
  @Min(1)
  @Max(EVENT_CAPACITY_MAX)
  capacity!: number;

  @ApiProperty({ enum: EVENT_AUDIENCE_CODES, description: 'Who may sign up.' })
  @IsCode(EVENT_AUDIENCE_CODES)
  audience!: EventAudience;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: SLOT_MINUTES_MAX,
    default: 8,
    description: 'Roadshows only: minutes of pitch in each slot.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(SLOT_MINUTES_MAX)
  pitchMinutes?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: SLOT_MINUTES_MAX,
    default: 7,
    description: 'Roadshows only: minutes of questions after each pitch.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(SLOT_MINUTES_MAX)
  qaMinutes?: number;
}
