import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CHAT_NAMESPACE } from '@app/docking';
import type { ChatAck, ChatMessageView, ChatReadEvent, ChatTypingEvent } from '@app/docking';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { TestApp } from './test-app';

/** Starts the app's HTTP server on a free loopback port and answers its base URL. */
export async function listen(t: Pick<TestApp, 'app'>): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** What a refused handshake tells the client. */
export interface Refusal {
  message: string;
  data?: { code: string; message: string };
}

const ACK_TIMEOUT_MS = 10_000;

/**
 * A chat client as an app would write one: a socket on `/chat` that records every message it
 * gets (acks of its own sends and broadcasts of others', in arrival order), read markers and
 * typing hints.
 */
export class ChatClient {
  /** Every message this client learnt of, in the order it learnt of them. */
  readonly arrivals: ChatMessageView[] = [];
  /** Only those broadcast to it (`message:new`). */
  readonly broadcasts: ChatMessageView[] = [];
  readonly reads: ChatReadEvent[] = [];
  readonly typings: ChatTypingEvent[] = [];
  readonly pushes: { event: string; payload: unknown }[] = [];

  private constructor(readonly socket: Socket) {
    socket.on('message:new', (message: ChatMessageView) => {
      this.broadcasts.push(message);
      this.arrivals.push(message);
    });
    socket.on('message:read', (marker: ChatReadEvent) => this.reads.push(marker));
    socket.on('typing', (typing: ChatTypingEvent) => this.typings.push(typing));
    socket.onAny((event: string, payload: unknown) => {
      if (!['message:new', 'message:read', 'typing'].includes(event)) {
        this.pushes.push({ event, payload });
      }
    });
  }

  /** Connects with the token; rejects with the Refusal when the handshake is refused. */
  static connect(
    baseUrl: string,
    token: string | undefined,
    options: Partial<ManagerOptions & SocketOptions> = {},
  ): Promise<ChatClient> {
    const socket = io(`${baseUrl}${CHAT_NAMESPACE}`, {
      auth: token === undefined ? {} : { token },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      ...options,
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => {
        socket.off('connect_error');
        resolve(new ChatClient(socket));
      });
      socket.once('connect_error', (error: Error & { data?: Refusal['data'] }) => {
        socket.close();
        reject(Object.assign(new Error(error.message), { data: error.data }));
      });
    });
  }

  /** The refusal of a handshake that should fail. */
  static async refusal(baseUrl: string, token: string | undefined): Promise<Refusal> {
    try {
      const client = await ChatClient.connect(baseUrl, token);
      client.close();
    } catch (error) {
      return error as Refusal;
    }
    throw new Error('the handshake was accepted');
  }

  emit<T extends object = object>(event: string, payload?: unknown): Promise<ChatAck<T>> {
    return this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload) as Promise<ChatAck<T>>;
  }

  /**
   * Emits an event whose payload is the JSON text given, as a socket.io packet written by
   * hand (a client that does not use socket.io's encoder), and answers its ack.
   */
  emitRaw(event: string, payloadJson: string): Promise<ChatAck> {
    const id = ChatClient.rawAckIds++;
    const engine = this.socket.io.engine;
    const answered = `3${CHAT_NAMESPACE},${id}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${event}`)), ACK_TIMEOUT_MS);
      const onMessage = (data: unknown) => {
        if (typeof data !== 'string' || !data.startsWith(`${answered}[`)) return;
        engine.off('message', onMessage);
        clearTimeout(timer);
        resolve((JSON.parse(data.slice(answered.length)) as ChatAck[])[0]);
      };
      engine.on('message', onMessage);
      engine.send(`2${CHAT_NAMESPACE},${id}[${JSON.stringify(event)},${payloadJson}]`);
    });
  }

  /** Ack ids of hand-written packets, far from those socket.io counts from 0. */
  private static rawAckIds = 1_000_000;

  join(sessionId: string, afterSeq?: number) {
    return this.emit<{ lastSeq: number; messages: ChatMessageView[]; reads: ChatReadEvent[] }>(
      'session:join',
      afterSeq === undefined ? { sessionId } : { sessionId, afterSeq },
    );
  }

  /**
   * Sends a message; its acked copy counts as arrived the moment the ack comes, in line with
   * the broadcasts around it (an await would let the broadcasts that came with it pass it).
   */
  send(
    sessionId: string,
    body: string,
    clientId: string = randomUUID(),
  ): Promise<ChatAck<{ message: ChatMessageView }>> {
    return new Promise((resolve, reject) => {
      this.socket
        .timeout(ACK_TIMEOUT_MS)
        .emit(
          'message:send',
          { sessionId, clientId, body },
          (error: Error | null, ack: ChatAck<{ message: ChatMessageView }>) => {
            if (error) return reject(error);
            if (ack.ok) this.arrivals.push(ack.message);
            resolve(ack);
          },
        );
    });
  }

  /** Sends and insists that it worked. */
  async sent(sessionId: string, body: string, clientId?: string): Promise<ChatMessageView> {
    const ack = await this.send(sessionId, body, clientId);
    if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack.error)}`);
    return ack.message;
  }

  /** Resolves once the server let the socket go, with what `auth:revoked` told it before. */
  revocation(): Promise<{ error: unknown; reason: string }> {
    return new Promise((resolve) => {
      let error: unknown;
      this.socket.once('auth:revoked', (told: unknown) => (error = told));
      this.socket.once('disconnect', (reason) => resolve({ error, reason }));
    });
  }

  /** Seqs this client has, once each, in the order they came. */
  seqs(sessionId?: string): number[] {
    const seen = new Set<number>();
    for (const message of this.arrivals) {
      if (sessionId === undefined || message.sessionId === sessionId) seen.add(message.seq);
    }
    return [...seen];
  }

  close(): void {
    this.socket.close();
  }
}

/** Waits until `check` holds, polling every 20 ms; fails with `what` after the timeout. */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
