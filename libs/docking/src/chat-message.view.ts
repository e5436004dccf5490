import type { ChatMessage } from './chat-message.entity';
import type { ChatReadMarker } from './chat-read-marker.entity';

/** A chat message as the API and the socket send it. */
export interface ChatMessageView {
  id: string;
  sessionId: string;
  seq: number;
  clientId: string;
  senderId: string;
  senderName: string;
  senderRole: ChatMessage['senderRole'];
  body: string;
  createdAt: string;
}

/** How far a user has read. */
export interface ChatReadView {
  userId: string;
  seq: number;
}

/** A stretch of a session's chat: messages in seq order, the last seq stored, read markers. */
export interface ChatHistoryView {
  items: ChatMessageView[];
  lastSeq: number;
  reads: ChatReadView[];
}

export function toChatMessageView(message: ChatMessage, senderName: string): ChatMessageView {
  return {
    id: message.id,
    sessionId: message.sessionId,
    seq: message.seq,
    clientId: message.clientId,
    senderId: message.senderId,
    senderName,
    senderRole: message.senderRole,
    body: message.body,
    createdAt: message.createdAt.toISOString(),
  };
}

export function toChatReadView(marker: ChatReadMarker): ChatReadView {
  return { userId: marker.userId, seq: marker.seq };
}
