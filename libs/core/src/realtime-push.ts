import type { ErrorCode } from './errors/error-codes';

/**
 * Pushes an event to every open socket of a user, on whichever api instance it is connected
 * (across instances when Redis is set). Declared here so that any lib can push without
 * importing the one that runs the socket server (the docking chat gateway provides it).
 */
export abstract class RealtimePush {
  abstract toUser(userId: string, event: string, payload: unknown): void;

  /**
   * Tells every open socket of the user why (`auth:revoked` with the error `code`) and
   * disconnects it, on every instance: for sign-ins ended or accounts suspended.
   */
  abstract disconnectUser(userId: string, code: ErrorCode): void;
}
