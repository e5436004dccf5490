import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class CheckInDto {
  @ApiProperty({ description: 'The code the registrant shows (the content of the QR code).' })
  @IsString()
  @MaxLength(200)
  token!: string;
}
