import { IsCode, PageQueryDto, REGISTRATION_STATUS_CODES } from '@app/core';
import type { RegistrationStatus } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';

export class ListRegistrationsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: REGISTRATION_STATUS_CODES })
  @IsOptional()
  @IsCode(REGISTRATION_STATUS_CODES)
  status?: RegistrationStatus;
}
