import { AppError, ERROR_CODES } from '@app/core';
import { Logger } from '@nestjs/common';
import type { ChatError } from './chat-events';

const logger = new Logger('Chat');

/**
 * An exception as a socket client sees it: an AppError keeps its code, message and details;
 * anything else is a bug, logged whole and answered INTERNAL_ERROR with nothing leaking out.
 */
export function chatErrorOf(exception: unknown): ChatError {
  if (exception instanceof AppError) {
    return { code: exception.code, message: exception.message, details: exception.details ?? [] };
  }
  logger.error(exception instanceof Error ? exception.stack : String(exception));
  return { code: 'INTERNAL_ERROR', message: ERROR_CODES.INTERNAL_ERROR.message, details: [] };
}
