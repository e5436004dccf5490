import { CleanText, IsCode, MaxChars, SERVICE_LOG_KIND_CODES } from '@app/core';
import type { ServiceLogKind } from '@app/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MinLength } from 'class-validator';

export class CreateServiceLogDto {
  @ApiProperty({ format: 'uuid', description: 'An enterprise of your portfolio.' })
  @IsUUID()
  enterpriseOrgId!: string;

  @ApiProperty({ enum: SERVICE_LOG_KIND_CODES })
  @IsCode(SERVICE_LOG_KIND_CODES)
  kind!: ServiceLogKind;

  @ApiProperty({ example: '2026-05-21', description: 'The day of the service; not in the future.' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  occurredOn!: string;

  @ApiProperty({ maxLength: 5000, example: '走访企业，了解设备更新资金缺口约800万元。' })
  @CleanText()
  @IsString()
  @MinLength(1)
  @MaxChars(5000)
  notes!: string;

  @ApiPropertyOptional({ maxLength: 500, example: '推荐至青岛某银行科技支行，已发起对接。' })
  @IsOptional()
  @CleanText()
  @IsString()
  @MaxChars(500)
  outcome?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The event the service came from.' })
  @IsOptional()
  @IsUUID()
  eventId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A docking session of the enterprise that the service concerns or led to.',
  })
  @IsOptional()
  @IsUUID()
  dockingSessionId?: string;
}
