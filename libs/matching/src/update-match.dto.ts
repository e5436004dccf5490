import { ApiProperty } from '@nestjs/swagger';
import { IsCode } from '@app/core';
import { CLIENT_MATCH_STATUSES, type ClientMatchStatus } from './match-status';

export class UpdateMatchDto {
  @ApiProperty({
    enum: CLIENT_MATCH_STATUSES,
    description: 'viewed (已查看) or dismissed (已忽略); applied is set when docking opens.',
  })
  @IsCode(CLIENT_MATCH_STATUSES)
  status!: ClientMatchStatus;
}
