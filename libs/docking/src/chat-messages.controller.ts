import { IdParam } from '@app/core';
import { CurrentUser } from '@app/identity';
import type { AuthUser } from '@app/identity';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ChatHistoryView } from './chat-message.view';
import { ChatMessagesService } from './chat-messages.service';
import { ListChatMessagesQuery } from './list-chat-messages.query';

@ApiTags('docking')
@ApiBearerAuth()
@Controller('docking-sessions')
export class ChatMessagesController {
  constructor(private readonly chat: ChatMessagesService) {}

  @Get(':id/messages')
  @ApiOkResponse({
    description:
      'The chat after `afterSeq`, oldest first, at most `limit` messages: `{ items, lastSeq, reads }`. ' +
      'A client back from a disconnection asks for everything after the last seq it has; ' +
      'live messages come over the socket.io namespace `/chat`.',
  })
  @ApiNotFoundResponse({ description: 'DOCKING_SESSION_NOT_FOUND, also for outsiders.' })
  history(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Query() query: ListChatMessagesQuery,
  ): Promise<ChatHistoryView> {
    return this.chat.history(user, id, query);
  }
}
