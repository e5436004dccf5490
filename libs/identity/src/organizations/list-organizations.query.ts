import {
  DISTRICT_CODES,
  INDUSTRY_CODES,
  IsCode,
  ORGANIZATION_KIND_CODES,
  ORGANIZATION_STATUS_CODES,
  PageQueryDto,
  SingleLine,
} from '@app/core';
import type { District, Industry, OrganizationKind, OrganizationStatus } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ListOrganizationsQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Full-text search on name and credit code.' })
  @IsOptional()
  @SingleLine()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_KIND_CODES })
  @IsOptional()
  @IsCode(ORGANIZATION_KIND_CODES)
  kind?: OrganizationKind;

  @ApiPropertyOptional({
    enum: ORGANIZATION_STATUS_CODES,
    description: 'Admins and commissioners only.',
  })
  @IsOptional()
  @IsCode(ORGANIZATION_STATUS_CODES)
  status?: OrganizationStatus;

  @ApiPropertyOptional({ enum: DISTRICT_CODES })
  @IsOptional()
  @IsCode(DISTRICT_CODES)
  district?: District;

  @ApiPropertyOptional({ enum: INDUSTRY_CODES })
  @IsOptional()
  @IsCode(INDUSTRY_CODES)
  industry?: Industry;
}
