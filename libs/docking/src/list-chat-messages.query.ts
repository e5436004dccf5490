import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_CHAT_PAGE = 200;

/** `GET /docking-sessions/:id/messages`: the messages after a seq, oldest first. */
export class ListChatMessagesQuery {
  @ApiPropertyOptional({
    minimum: 0,
    default: 0,
    description: 'Only messages with a greater seq: the last seq the client has.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  afterSeq: number = 0;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_CHAT_PAGE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_CHAT_PAGE)
  limit: number = 50;
}
