import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { MAX_PITCH_SLOTS } from './pitch-slots';

export class BookPitchSlotDto {
  @ApiProperty({ minimum: 1, maximum: MAX_PITCH_SLOTS, description: 'The slot number, from 1.' })
  @IsInt()
  @Min(1)
  @Max(MAX_PITCH_SLOTS)
  slot!: number;
}
