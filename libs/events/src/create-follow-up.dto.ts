import { CleanText, MaxChars } from '@app/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MinLength } from 'class-validator';

export class CreateFollowUpDto {
  @ApiProperty({ format: 'uuid', description: 'An organization that signed up for the event.' })
  @IsUUID()
  orgId!: string;

  @ApiProperty({ maxLength: 2000, example: '企业有500万设备贷款意向，已约下周走访。' })
  @CleanText()
  @IsString()
  @MinLength(1)
  @MaxChars(2000)
  note!: string;

  @ApiPropertyOptional({ example: '2026-06-01', description: 'When the next step is due.' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  dueOn?: string;
}
