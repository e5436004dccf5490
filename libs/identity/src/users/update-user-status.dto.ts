import { IsCode, USER_STATUS_CODES } from '@app/core';
import type { UserStatus } from '@app/core';
import { ApiProperty } from '@nestjs/swagger';

export class UpdateUserStatusDto {
  @ApiProperty({
    enum: USER_STATUS_CODES,
    description: 'Suspending ends every sign-in of the user.',
  })
  @IsCode(USER_STATUS_CODES)
  status!: UserStatus;
}
