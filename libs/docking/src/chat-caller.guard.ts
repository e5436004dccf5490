import { AppError } from '@app/core';
import { AuthService } from '@app/identity';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { ChatSocket } from './chat-events';
import { revokeAdmission } from './chat-handshake';

/** Refusals that no later event of the socket could pass: the socket is let go. */
const FINAL = new Set(['ACCOUNT_SUSPENDED', 'TOKEN_REVOKED', 'TOKEN_INVALID']);

/**
 * Checks the caller again before every chat event, as HTTP does on every request (through the
 * same principal cache): a suspension or a sign-out made on any instance stops a socket that is
 * already open, even when its disconnection was missed. The refused event is answered with the
 * error, then the socket is told and disconnected.
 */
@Injectable()
export class ChatCallerGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const socket = context.switchToWs().getClient<ChatSocket>();
    try {
      socket.data.user = await this.auth.principal(socket.data.claims);
      return true;
    } catch (error) {
      if (error instanceof AppError && FINAL.has(error.code)) revokeAdmission(socket, error);
      throw error;
    }
  }
}
