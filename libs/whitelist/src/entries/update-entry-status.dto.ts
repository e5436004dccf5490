import { IsCode, WHITELIST_ENTRY_STATUS_CODES } from '@app/core';
import type { WhitelistEntryStatus } from '@app/core';
import { ApiProperty } from '@nestjs/swagger';

export class UpdateEntryStatusDto {
  @ApiProperty({
    enum: WHITELIST_ENTRY_STATUS_CODES,
    description: 'suspended or removed takes the enterprise off the list; active puts it back.',
  })
  @IsCode(WHITELIST_ENTRY_STATUS_CODES)
  status!: WhitelistEntryStatus;
}
