import { MaxChars, SingleLine } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MinLength } from 'class-validator';
import { OrganizationProfileDto } from './organization-profile.dto';

/** Profile changes; kind and credit code never change, the name only through an admin. */
export class UpdateOrganizationDto extends OrganizationProfileDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 100, description: 'Admins only.' })
  @IsOptional()
  @SingleLine()
  @IsString()
  @MinLength(2)
  @MaxChars(100)
  name?: string;
}
