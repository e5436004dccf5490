import { DISTRICT_CODES, IsCode, IsCreditCode, MaxChars, SingleLine } from '@app/core';
import type { District } from '@app/core';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MinLength, ValidateIf } from 'class-validator';
import { OrganizationProfileDto } from './organization-profile.dto';

/** Who may register: enterprises and institutions; never a service center. */
export const REGISTRABLE_KINDS = [
  'enterprise',
  'bank',
  'investor',
  'insurer',
  'guarantor',
  'leasing',
] as const;
export type RegistrableKind = (typeof REGISTRABLE_KINDS)[number];

export class RegisterOrganizationDto extends OrganizationProfileDto {
  @ApiProperty({ enum: REGISTRABLE_KINDS, description: 'Organization kind.' })
  @IsCode(REGISTRABLE_KINDS)
  kind!: RegistrableKind;

  @ApiProperty({ minLength: 2, maxLength: 100, example: '青岛海湾智能装备有限公司' })
  @SingleLine()
  @IsString()
  @MinLength(2)
  @MaxChars(100)
  name!: string;

  @ApiProperty({
    example: '91370212MA3C4XYZ0Q',
    description: '统一社会信用代码: 18 characters, GB 32100-2015 check character.',
  })
  @IsCreditCode()
  creditCode!: string;

  @ApiProperty({ enum: DISTRICT_CODES })
  // Replaces the profile's @IsOptional (a subclass's conditional rule overrides the inherited
  // one; @IsDefined would not, as @IsOptional skips it): registration must name a district.
  @ValidateIf(() => true)
  @IsCode(DISTRICT_CODES)
  override district!: District;
}
