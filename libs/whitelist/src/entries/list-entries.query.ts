import { IsCode, PageQueryDto, WHITELIST_ENTRY_STATUS_CODES } from '@app/core';
import type { WhitelistEntryStatus } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

export class ListEntriesQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only entries of this batch.' })
  @IsOptional()
  @IsUUID()
  batchId?: string;

  @ApiPropertyOptional({
    description: 'Only entries with this 统一社会信用代码 (exact; case is ignored).',
    example: '91370212MA3C12345X',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @IsString()
  @Length(18, 18)
  @Matches(/^[0-9A-Z]+$/)
  creditCode?: string;

  @ApiPropertyOptional({ enum: WHITELIST_ENTRY_STATUS_CODES, description: 'Only this status.' })
  @IsOptional()
  @IsCode(WHITELIST_ENTRY_STATUS_CODES)
  status?: WhitelistEntryStatus;
}
