import { ROLE_CODES, USER_STATUS_CODES } from '@app/core';
import { ApiProperty } from '@nestjs/swagger';
import type { User } from './user.entity';

export class UserView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  orgId!: string;

  @ApiProperty({ enum: ROLE_CODES })
  role!: User['role'];

  @ApiProperty()
  name!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ type: String, nullable: true })
  phone!: string | null;

  @ApiProperty({ enum: USER_STATUS_CODES })
  status!: User['status'];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastLoginAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    orgId: user.orgId,
    role: user.role,
    name: user.name,
    email: user.email,
    phone: user.phone,
    status: user.status,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}
