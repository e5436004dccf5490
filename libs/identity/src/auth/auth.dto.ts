import { NormalizeEmail } from '@app/core';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsObject,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { RegisterOrganizationDto } from '../organizations/register-organization.dto';
import { NewUserDto } from '../users/new-user.dto';
import { PASSWORD_MAX_LENGTH } from './password-policy';

export class RegisterDto {
  @ApiProperty({ type: RegisterOrganizationDto })
  @IsDefined()
  // ValidateNested alone passes an array (it validates each of its zero items).
  @IsObject()
  @ValidateNested()
  @Type(() => RegisterOrganizationDto)
  organization!: RegisterOrganizationDto;

  @ApiProperty({ type: NewUserDto, description: 'The first user of the organization.' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => NewUserDto)
  user!: NewUserDto;
}

export class LoginDto {
  @ApiProperty({ example: 'admin@demo.kejinqiao.cn' })
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  password!: string;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'The refresh token from login, register or the last refresh.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'The password the user signs in with now.' })
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  currentPassword!: string;

  @ApiProperty({
    minLength: 8,
    maxLength: PASSWORD_MAX_LENGTH,
    description: 'The new password, under the same policy as at registration (WEAK_PASSWORD).',
  })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  newPassword!: string;
}
