import { CleanText, MaxChars } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

export class CancelEventDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'Told to every registrant.' })
  @IsOptional()
  @CleanText()
  @IsString()
  @MaxChars(500)
  reason?: string;
}
