import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import type { ChatSessionFixture } from './fixtures';
import { inPool } from './in-pool';

const CONNECT_CONCURRENCY = 100;
const JOIN_CONCURRENCY = 200;
const CONNECT_TIMEOUT_MS = 30_000;
const ACK_TIMEOUT_MS = 10_000;
const DRAIN_MS = 5_000;
const TICK_MS = 5;

export interface LoadOptions {
  sessions: readonly ChatSessionFixture[];
  /** Member j of a session connects to urls[j % urls.length]: across instances with two. */
  urls: readonly string[];
  rate: number;
  warmupSeconds: number;
  seconds: number;
  /** Called as the measured window opens and closes (not awaited). */
  onWindow?: (edge: 'start' | 'end') => void;
  progress: (line: string) => void;
}

export interface LoadResult {
  socketsWanted: number;
  connected: number;
  /** connect_error messages and how often each came. */
  connectErrors: Map<string, number>;
  connectSeconds: number;
  joined: number;
  /** Messages sent in the measured window. */
  sent: number;
  acked: number;
  /** Refusals and timeouts of sends in the window, by code. */
  sendErrors: Map<string, number>;
  /** Deliveries to other members owed by the window's acked-or-not messages, and made. */
  expected: number;
  delivered: number;
  /** Send → `message:new` at each other member, ms. */
  latencies: number[];
  /** Send → ack, ms. */
  ackLatencies: number[];
  windowSeconds: number;
  /** The load client's own event loop delay p99 during the window, ms. */
  clientLoopDelayP99: number;
}

interface Member {
  socket: Socket;
  joined: boolean;
}

/**
 * The chat's clients: one socket.io-client socket per member (websocket transport), each in
 * its session's room; then messages at a fixed total rate, each from a random member of a
 * random session, its body holding its send time, which every other member's `message:new`
 * turns into a latency. Warm-up messages are sent the same way and not counted.
 */
export async function runChatLoad(options: LoadOptions): Promise<LoadResult> {
  const { progress } = options;
  const members: { session: ChatSessionFixture; member: Member }[][] = [];
  const connectErrors = new Map<string, number>();
  const all: Socket[] = [];
  const latencies: number[] = [];
  let delivered = 0;

  const jobs: { sessionIndex: number; token: string; url: string }[] = [];
  options.sessions.forEach((session, sessionIndex) => {
    members.push([]);
    session.members.forEach((m, j) => {
      jobs.push({ sessionIndex, token: m.token, url: options.urls[j % options.urls.length] });
    });
  });

  const connectStarted = performance.now();
  await inPool(jobs, CONNECT_CONCURRENCY, async (job) => {
    const socket = await connect(job.url, job.token).catch((error: Error) => {
      const key = error.message || 'error';
      connectErrors.set(key, (connectErrors.get(key) ?? 0) + 1);
      return null;
    });
    if (!socket) return;
    all.push(socket);
    socket.on('message:new', (message: { body: string }) => {
      const [phase, sentAt] = message.body.split('|');
      if (phase !== 'm') return;
      delivered++;
      latencies.push(performance.now() - Number(sentAt));
    });
    members[job.sessionIndex].push({
      session: options.sessions[job.sessionIndex],
      member: { socket, joined: false },
    });
  });
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  progress(`${all.length}/${jobs.length} sockets connected in ${connectSeconds.toFixed(1)} s`);

  let joined = 0;
  await inPool(
    members.flatMap((list) => list),
    JOIN_CONCURRENCY,
    async ({ session, member }) => {
      try {
        const ack = (await member.socket
          .timeout(ACK_TIMEOUT_MS * 3)
          .emitWithAck('session:join', { sessionId: session.id })) as { ok: boolean };
        if (ack.ok) {
          member.joined = true;
          joined++;
        }
      } catch {
        // Timed out: the member stays out.
      }
    },
  );
  progress(`${joined} sockets joined their session`);

  // Only sessions where a message can reach someone.
  const rooms = members
    .map((list) => ({
      sessionId: list[0]?.session.id,
      joined: list.filter((x) => x.member.joined).map((x) => x.member.socket),
    }))
    .filter((room) => room.joined.length >= 2);
  if (rooms.length === 0) throw new Error('no session has two joined members');

  let sent = 0;
  let acked = 0;
  let expected = 0;
  const sendErrors = new Map<string, number>();
  const ackLatencies: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const warmupMs = options.warmupSeconds * 1000;
  const windowMs = options.seconds * 1000;
  const started = performance.now();
  let emitted = 0;
  let measuring = false;
  let windowStart = 0;
  let windowEnd = 0;

  const sendOne = (measured: boolean) => {
    const room = rooms[Math.floor(Math.random() * rooms.length)];
    const socket = room.joined[Math.floor(Math.random() * room.joined.length)];
    const at = performance.now();
    if (measured) {
      sent++;
      expected += room.joined.length - 1;
    }
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('message:send', {
        sessionId: room.sessionId,
        clientId: randomUUID(),
        body: `${measured ? 'm' : 'w'}|${at.toFixed(3)}`,
      })
      .then(
        (ack: { ok: boolean; error?: { code: string } }) => {
          if (!measured) return;
          if (ack.ok) {
            acked++;
            ackLatencies.push(performance.now() - at);
          } else {
            const code = ack.error?.code ?? 'UNKNOWN';
            sendErrors.set(code, (sendErrors.get(code) ?? 0) + 1);
          }
        },
        () => {
          if (measured) sendErrors.set('ACK_TIMEOUT', (sendErrors.get('ACK_TIMEOUT') ?? 0) + 1);
        },
      );
  };

  progress(
    `sending ${options.rate} msg/s over ${rooms.length} sessions: ` +
      `${options.warmupSeconds} s warm-up, ${options.seconds} s measured`,
  );
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - started;
      if (!measuring && elapsed >= warmupMs) {
        measuring = true;
        windowStart = performance.now();
        loop.enable();
        options.onWindow?.('start');
      }
      if (elapsed >= warmupMs + windowMs) {
        clearInterval(timer);
        windowEnd = performance.now();
        loop.disable();
        options.onWindow?.('end');
        resolve();
        return;
      }
      // Catch up to the schedule: a late tick sends what it owes.
      const due = Math.floor((elapsed * options.rate) / 1000);
      while (emitted < due) {
        emitted++;
        sendOne(measuring);
      }
    }, TICK_MS);
  });

  const drainUntil = performance.now() + DRAIN_MS;
  while (performance.now() < drainUntil && (delivered < expected || acked + errors() < sent)) {
    await sleep(50);
  }
  function errors() {
    let n = 0;
    for (const count of sendErrors.values()) n += count;
    return n;
  }

  for (const socket of all) socket.close();
  return {
    socketsWanted: jobs.length,
    connected: all.length,
    connectErrors,
    connectSeconds,
    joined,
    sent,
    acked,
    sendErrors,
    expected,
    delivered,
    latencies,
    ackLatencies,
    windowSeconds: (windowEnd - windowStart) / 1000,
    clientLoopDelayP99: loop.percentile(99) / 1e6,
  };
}

function connect(url: string, token: string): Promise<Socket> {
  const socket = io(`${url}/chat`, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: CONNECT_TIMEOUT_MS,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.off('connect_error');
      resolve(socket);
    });
    socket.once('connect_error', (error: Error) => {
      socket.close();
      reject(error);
    });
  });
}
