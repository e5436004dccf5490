import { MaxChars, NormalizeEmail, PHONE_PATTERN, SingleLine } from '@app/core';
import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '../auth/password-policy';

/** A person's sign-in details, for registration and for staff accounts made by admins. */
export class NewUserDto {
  @ApiProperty({ minLength: 1, maxLength: 50, example: '王海' })
  @SingleLine()
  @IsString()
  @MinLength(1)
  @MaxChars(50)
  name!: string;

  @ApiProperty({ example: 'wanghai@example.cn', description: 'Sign-in email, case-insensitive.' })
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: '13800000000', description: 'Mainland mobile or landline.' })
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'phone must be a mainland mobile or landline number' })
  phone!: string;

  @ApiProperty({
    minLength: 8,
    maxLength: PASSWORD_MAX_LENGTH,
    description:
      'At least PASSWORD_MIN_LENGTH characters (default 10), not mostly blank, and hard to guess: ' +
      'common passwords, keyboard runs, repeats and the email, name or organization name are ' +
      'refused (WEAK_PASSWORD names each problem).',
  })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  password!: string;
}
