import { IsUUID } from 'class-validator';

/** A socket event about one session: `session:leave` and `typing`. */
export class ChatSessionDto {
  @IsUUID()
  sessionId!: string;
}
