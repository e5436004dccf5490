import { MaxChars, SingleLine } from '@app/core';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';

export class CreateBatchDto {
  @ApiProperty({ description: 'The year the batch belongs to (认定年度).', example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({
    description: 'The batch name as the bureau publishes it, at most 100 characters.',
    example: '2026年第一批科技型企业白名单',
  })
  @SingleLine()
  @IsString()
  @IsNotEmpty()
  @MaxChars(100)
  name!: string;
}
