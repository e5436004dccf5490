import { DISTRICT_CODES, IsCode } from '@app/core';
import type { District } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsUUID,
} from 'class-validator';

/** Either enterprises one by one, or a whole district (now and from now on). */
export class AssignEnterprisesDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Enterprise organization ids.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  orgIds?: string[];

  @ApiPropertyOptional({ enum: DISTRICT_CODES, description: 'Every enterprise of the district.' })
  @IsOptional()
  @IsCode(DISTRICT_CODES)
  district?: District;
}
