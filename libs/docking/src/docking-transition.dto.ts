import {
  CleanText,
  DOCKING_ACTION_CODES,
  IsCode,
  IsYuan,
  MaxChars,
  REJECT_REASON_CODES,
} from '@app/core';
import type { DockingAction, RejectReason } from '@app/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID } from 'class-validator';

export const DOCKING_AMOUNT_MAX = 100_000_000_000;

/** `POST /docking-sessions/:id/transitions`: an action and what it carries. */
export class DockingTransitionDto {
  @ApiProperty({ enum: DOCKING_ACTION_CODES })
  @IsCode(DOCKING_ACTION_CODES)
  action!: DockingAction;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: DOCKING_AMOUNT_MAX,
    description: 'approve_credit and disburse: the amount in yuan (integer).',
  })
  @IsOptional()
  @IsYuan(1, DOCKING_AMOUNT_MAX)
  amount?: number;

  @ApiPropertyOptional({ enum: REJECT_REASON_CODES, description: 'reject: why.' })
  @IsOptional()
  @IsCode(REJECT_REASON_CODES)
  reason?: RejectReason;

  @ApiPropertyOptional({
    maxLength: 500,
    description: 'Words to the other side; required with reject reason `other`.',
  })
  @IsOptional()
  @CleanText()
  @IsString()
  @MaxChars(500)
  note?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'reassign: the commissioner taking over.' })
  @IsOptional()
  @IsUUID()
  commissionerId?: string;
}
