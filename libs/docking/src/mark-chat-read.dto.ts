import { IsInt, IsUUID, Min } from 'class-validator';

/** `message:read`: the user has read up to `seq`. */
export class MarkChatReadDto {
  @IsUUID()
  sessionId!: string;

  @IsInt()
  @Min(1)
  seq!: number;
}
