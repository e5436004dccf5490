import type { ErrorCode } from '@app/core';
import type { Admission, AuthUser } from '@app/identity';
import type { Namespace, Socket } from 'socket.io';
import type { ChatMessageView, ChatReadView } from './chat-message.view';
import type { ChatSessionDto } from './chat-session.dto';
import type { JoinChatSessionDto } from './join-chat-session.dto';
import type { MarkChatReadDto } from './mark-chat-read.dto';
import type { SendChatMessageDto } from './send-chat-message.dto';

/** The socket.io namespace of docking chat and of pushes to users. */
export const CHAT_NAMESPACE = '/chat';

/** Every socket of a user joins this room on connect; pushes to the user go there. */
export function userRoom(userId: string): string {
  return `user:${userId}`;
}

/** The sockets that joined a session's chat. */
export function sessionRoom(sessionId: string): string {
  return `session:${sessionId}`;
}

/** What an event refused carries: the same code, message and details as an HTTP error. */
export interface ChatError {
  code: ErrorCode;
  message: string;
  details: unknown;
}

/** Every ack: `ok` with the answer, or the error. */
export type ChatAck<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: ChatError };

export interface JoinedChat {
  /** The highest seq stored in the session (0 before the first message). */
  lastSeq: number;
  /** The messages after the afterSeq the client sent, oldest first (none without afterSeq). */
  messages: ChatMessageView[];
  reads: ChatReadView[];
}

/** What clients emit, with what they get back. */
export interface ChatClientEvents {
  'session:join': (payload: JoinChatSessionDto, ack: (answer: ChatAck<JoinedChat>) => void) => void;
  'session:leave': (payload: ChatSessionDto, ack: (answer: ChatAck) => void) => void;
  'message:send': (
    payload: SendChatMessageDto,
    ack: (answer: ChatAck<{ message: ChatMessageView }>) => void,
  ) => void;
  'message:read': (
    payload: MarkChatReadDto,
    ack: (answer: ChatAck<{ seq: number }>) => void,
  ) => void;
  typing: (payload: ChatSessionDto, ack: (answer: ChatAck) => void) => void;
}

export interface ChatReadEvent extends ChatReadView {
  sessionId: string;
}

export interface ChatTypingEvent {
  sessionId: string;
  userId: string;
  name: string;
}

/** What the server emits to clients. */
export interface ChatServerEvents {
  /** A message stored by someone else (the sender gets its own in the ack). */
  'message:new': (message: ChatMessageView) => void;
  'message:read': (marker: ChatReadEvent) => void;
  typing: (typing: ChatTypingEvent) => void;
  /** A refused event that the client sent without an ack callback. */
  exception: (refused: { event: string; error: ChatError }) => void;
  /**
   * The access token the socket was admitted with expired (TOKEN_EXPIRED): the server
   * disconnects it next; the client reconnects with a fresh token.
   */
  'auth:expired': (error: ChatError) => void;
  /**
   * The caller may no longer use the socket (TOKEN_REVOKED after a sign-out or a reused
   * refresh token, ACCOUNT_SUSPENDED): the server disconnects it next. After TOKEN_REVOKED a
   * client may refresh its tokens and reconnect; a suspended account cannot.
   */
  'auth:revoked': (error: ChatError) => void;
}

export interface ChatSocketData {
  /** The caller as last checked: at the handshake, then before every event. */
  user: AuthUser;
  /** The access token's claims, to check the caller again before every event. */
  claims: Admission['claims'];
  /** When the access token the socket was admitted with expires, ms since the epoch. */
  expiresAt: number;
}

/** What api instances ask each other (over the adapter) and answer. */
export interface ChatInstanceEvents {
  /** Which of these users have a socket open on the instance asked. */
  'presence:online': (userIds: string[], answer: (online: string[]) => void) => void;
}

export type ChatNamespace = Namespace<
  ChatClientEvents,
  ChatServerEvents,
  ChatInstanceEvents,
  ChatSocketData
>;
export type ChatSocket = Socket<
  ChatClientEvents,
  ChatServerEvents,
  ChatInstanceEvents,
  ChatSocketData
>;
