import { MaxChars, NotBlank, StripControlChars } from '@app/core';
import { IsString, IsUUID } from 'class-validator';

export const MAX_CHAT_MESSAGE_CHARS = 4000;

/** `message:send`. */
export class SendChatMessageDto {
  @IsUUID()
  sessionId!: string;

  /** Made up by the client for this message and sent again with any retry of it. */
  @IsUUID()
  clientId!: string;

  @StripControlChars()
  @IsString()
  @NotBlank()
  @MaxChars(MAX_CHAT_MESSAGE_CHARS)
  body!: string;
}
