import { IsCode } from '@app/core';
import { ApiProperty } from '@nestjs/swagger';
import { NewUserDto } from './new-user.dto';

export const STAFF_ROLES = ['commissioner', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** An account in the service center, made by an admin: a commissioner or another admin. */
export class CreateStaffUserDto extends NewUserDto {
  @ApiProperty({ enum: STAFF_ROLES })
  @IsCode(STAFF_ROLES)
  role!: StaffRole;
}
