import { ArgumentsHost, Catch, WsExceptionFilter } from '@nestjs/common';
import { chatErrorOf } from './chat-errors';
import type { ChatAck, ChatSocket } from './chat-events';

/**
 * Answers a refused socket event through its ack, like an HTTP error: `{ ok: false, error }`.
 * An event sent without an ack gets an `exception` event instead.
 */
@Catch()
export class ChatExceptionFilter implements WsExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const error = chatErrorOf(exception);
    // Nest hands the handler (socket, payload, ack?, pattern): the ack is the one function.
    const ack = host.getArgs().find((arg) => typeof arg === 'function') as
      ((answer: ChatAck) => void) | undefined;
    if (ack) {
      ack({ ok: false, error });
      return;
    }
    const ws = host.switchToWs();
    ws.getClient<ChatSocket>().emit('exception', { event: ws.getPattern(), error });
  }
}
