import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';

/** `session:join`: enter a session's room, with what was missed since `afterSeq` if given. */
export class JoinChatSessionDto {
  @IsUUID()
  sessionId!: string;

  /** The last seq the client has; the ack then carries the messages after it. */
  @IsOptional()
  @IsInt()
  @Min(0)
  afterSeq?: number;
}
