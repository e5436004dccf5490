import { IsCode, PageQueryDto, ROLE_CODES } from '@app/core';
import type { Role } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class ListUsersQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLE_CODES })
  @IsOptional()
  @IsCode(ROLE_CODES)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  orgId?: string;
}
