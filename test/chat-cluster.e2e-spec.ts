import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { RealtimePush } from '@app/core';
import { RealtimeRedis, SocketRealtimePush, type ChatMessageView } from '@app/docking';
import { createClient } from 'redis';
import request from 'supertest';
import { ChatClient, listen, pause, until } from './helpers/chat-client';
import {
  loginAdmin,
  productBody,
  publishedNeed,
  publishedProduct,
  SessionBody,
  verifiedOrg,
} from './helpers/factories';
import { TcpProxy } from './helpers/tcp-proxy';
import { eventually, startApp, TestApp } from './helpers/test-app';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Someone who chats: every message gets a client id once and keeps it through retries, as a
 * real client's outbox does, so that a message whose ack was lost can be sent again safely.
 */
class Writer {
  readonly sent = new Map<string, string>();
  readonly acked = new Map<string, ChatMessageView>();

  constructor(
    public client: ChatClient,
    private readonly sessionId: string,
    private readonly name: string,
  ) {}

  /** Sends a new message; an answer lost with its server leaves it pending. */
  async write(i: number): Promise<void> {
    const clientId = randomUUID();
    const body = `${this.name} ${i}`;
    this.sent.set(clientId, body);
    try {
      const ack = await this.client.send(this.sessionId, body, clientId);
      if (ack.ok) this.acked.set(clientId, ack.message);
    } catch {
      // The instance went away before it answered.
    }
  }

  /** Sends every pending message again with its own client id. */
  async resendPending(): Promise<number> {
    const pending = [...this.sent].filter(([clientId]) => !this.acked.has(clientId));
    for (const [clientId, body] of pending) {
      this.acked.set(clientId, await this.client.sent(this.sessionId, body, clientId));
    }
    return pending.length;
  }

  /** The highest seq this writer has seen, by ack or broadcast. */
  lastSeq(): number {
    return Math.max(0, ...this.client.seqs(this.sessionId), ...this.seqsAcked());
  }

  private seqsAcked(): number[] {
    return [...this.acked.values()].map((m) => m.seq);
  }
}

/**
 * Two api instances on different ports sharing MariaDB, Meilisearch and Redis (with a key prefix
 * of this run's own), as behind a load balancer: broadcasts cross instances through the Redis
 * streams adapter, and clients of an instance that stops carry on on the other.
 */
describe('docking chat across api instances', () => {
  const prefix = `techfin-e2e-${randomBytes(4).toString('hex')}:`;
  const settings = { REDIS_URL, REDIS_KEY_PREFIX: prefix };
  let a: TestApp;
  let b: TestApp;
  /** Clients reach A through a relay, so that stopping A drops them the way a crash does. */
  let proxyA: TcpProxy;
  let urlA: string;
  let urlB: string;
  let aRunning = true;
  let admin: SessionBody;
  const clients: ChatClient[] = [];

  beforeAll(async () => {
    a = await startApp(settings);
    b = await startApp(settings);
    proxyA = await TcpProxy.start(await listen(a));
    urlA = proxyA.url;
    urlB = await listen(b);
    admin = await loginAdmin(b.http);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await proxyA.down();
    if (aRunning) await a.close();
    await b.close();
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    try {
      for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 })) {
        if (keys.length > 0) await redis.del(keys);
      }
    } finally {
      redis.destroy();
    }
  });

  const connect = async (who: SessionBody, url: string) => {
    const client = await ChatClient.connect(url, who.accessToken);
    clients.push(client);
    return client;
  };

  const joined = async (who: SessionBody, url: string, sessionId: string) => {
    const client = await connect(who, url);
    expect(await client.join(sessionId)).toMatchObject({ ok: true });
    return client;
  };

  /** A fresh bank and enterprise (each test has its own, so rate limits stay apart) in a session. */
  const openSession = async () => {
    const bank = await verifiedOrg(b.http, admin.accessToken, 'bank');
    const enterprise = await verifiedOrg(b.http, admin.accessToken, 'enterprise');
    const base = 90_000_000_000 + randomInt(9_000) * 1_000_000;
    const product = await publishedProduct(
      b.http,
      bank.accessToken,
      productBody({ amountMin: base, amountMax: base + 500_000 }),
    );
    const need = await publishedNeed(b.http, enterprise.accessToken, { amount: base + 1_000 });
    const response = await request(b.http)
      .post('/api/v1/docking-sessions')
      .auth(enterprise.accessToken, { type: 'bearer' })
      .send({ needId: need.id, productId: product.id });
    expect(response.status).toBe(201);
    return { sessionId: response.body.id as string, bank, enterprise };
  };

  /** Runs `use` with the RealtimePush of a process without sockets (the worker's). */
  const asWorker = async (use: (push: SocketRealtimePush) => Promise<void>): Promise<void> => {
    const config = { get: (key: string) => ({ REDIS_URL, REDIS_KEY_PREFIX: prefix })[key] };
    const redis = new RealtimeRedis(
      config as unknown as ConstructorParameters<typeof RealtimeRedis>[0],
    );
    try {
      await use(new SocketRealtimePush(redis));
    } finally {
      await redis.onApplicationShutdown();
    }
  };

  const history = async (who: SessionBody, sessionId: string): Promise<ChatMessageView[]> => {
    const response = await request(b.http)
      .get(`/api/v1/docking-sessions/${sessionId}/messages?limit=200`)
      .auth(who.accessToken, { type: 'bearer' })
      .expect(200);
    return response.body.items as ChatMessageView[];
  };

  it('should carry messages, read markers, typing and pushes from one instance to the other', async () => {
    const { sessionId, bank, enterprise } = await openSession();
    const onA = await joined(enterprise, urlA, sessionId);
    const onB = await joined(bank, urlB, sessionId);

    const fromA = await onA.sent(sessionId, '来自实例A的消息');
    await until(() => onB.broadcasts.length === 1, 'the message on B');
    expect(onB.broadcasts).toEqual([fromA]);

    const fromB = await onB.sent(sessionId, '来自实例B的回复');
    await until(() => onA.broadcasts.length === 1, 'the reply on A');
    expect(onA.broadcasts).toEqual([fromB]);
    expect([fromA.seq, fromB.seq]).toEqual([1, 2]);

    expect(await onB.emit('typing', { sessionId })).toEqual({ ok: true });
    await until(() => onA.typings.length === 1, 'the typing hint on A');
    expect(await onA.emit('message:read', { sessionId, seq: 2 })).toEqual({ ok: true, seq: 2 });
    await until(() => onB.reads.length === 1, 'the read marker on B');
    expect(onB.reads).toEqual([{ sessionId, userId: enterprise.user.id, seq: 2 }]);

    a.app.get(RealtimePush).toUser(bank.user.id, 'notification:new', { from: 'A' });
    await until(() => onB.pushes.length === 1, 'the push from A on B');
    expect(onB.pushes).toEqual([{ event: 'notification:new', payload: { from: 'A' } }]);
  });

  it('should deliver a push from a process without sockets (the worker) once, through Redis', async () => {
    const { enterprise } = await openSession();
    const [onA, onB] = await Promise.all([connect(enterprise, urlA), connect(enterprise, urlB)]);
    await asWorker(async (workerPush) => {
      workerPush.toUser(enterprise.user.id, 'notification:new', { from: 'worker' });
      await until(
        () => onA.pushes.length === 1 && onB.pushes.length === 1,
        'the relayed push on both instances',
      );
      await pause(300);
      for (const client of [onA, onB]) {
        expect(client.pushes).toEqual([{ event: 'notification:new', payload: { from: 'worker' } }]);
      }
    });
  });

  it('should disconnect a suspended organization’s sockets on both instances at once', async () => {
    const { sessionId, bank, enterprise } = await openSession();
    const onA = await joined(enterprise, urlA, sessionId);
    const onB = await joined(enterprise, urlB, sessionId);
    const bankOnA = await joined(bank, urlA, sessionId);
    const revocations = [onA.revocation(), onB.revocation()];

    await request(b.http)
      .post(`/api/v1/orgs/${enterprise.organization.id}/suspend`)
      .auth(admin.accessToken, { type: 'bearer' })
      .expect(200);

    for (const revoked of await Promise.all(revocations)) {
      expect(revoked.error).toMatchObject({ code: 'ACCOUNT_SUSPENDED' });
    }
    expect(bankOnA.socket.connected).toBe(true);
  });

  it('should disconnect a user’s sockets on both instances when a process without sockets says so', async () => {
    const { enterprise } = await openSession();
    const [onA, onB] = await Promise.all([connect(enterprise, urlA), connect(enterprise, urlB)]);
    await asWorker(async (workerPush) => {
      workerPush.disconnectUser(enterprise.user.id, 'TOKEN_REVOKED');
      await until(
        () => !onA.socket.connected && !onB.socket.connected,
        'both sockets to be disconnected',
      );
      for (const client of [onA, onB]) {
        expect(client.pushes).toEqual([
          { event: 'auth:revoked', payload: expect.objectContaining({ code: 'TOKEN_REVOKED' }) },
        ]);
      }
    });
  });

  it('should count a user’s rate limit over both instances together', async () => {
    const { sessionId, enterprise } = await openSession();
    const [onA, onB] = await Promise.all([connect(enterprise, urlA), connect(enterprise, urlB)]);

    for (let i = 0; i < 10; i++) {
      expect(await onA.send(sessionId, `A${i}`)).toMatchObject({ ok: true });
      expect(await onB.send(sessionId, `B${i}`)).toMatchObject({ ok: true });
    }

    for (const client of [onA, onB]) {
      expect(await client.send(sessionId, 'one too many')).toMatchObject({
        ok: false,
        error: { code: 'RATE_LIMITED', details: { retryAfter: expect.any(Number) as number } },
      });
    }
  });

  it('should tell of a message only a party with no socket on either instance', async () => {
    const { sessionId, bank, enterprise } = await openSession();
    const toldBank = async () =>
      (
        (
          await request(b.http)
            .get('/api/v1/notifications')
            .query({ pageSize: 100 })
            .auth(bank.accessToken, { type: 'bearer' })
        ).body.items as { kind: string; data: { sessionId?: string; seq?: number } }[]
      ).filter((n) => n.kind === 'chat_message' && n.data.sessionId === sessionId);
    const writer = await joined(enterprise, urlA, sessionId);

    // The bank has a socket on B only: A asks B, and nobody is told.
    const onB = await connect(bank, urlB);
    await writer.sent(sessionId, '您好，材料已上传');
    await pause(600);
    expect(await toldBank()).toEqual([]);

    onB.close();
    await until(() => !onB.socket.connected, 'the bank to leave B');
    await pause(300);
    await writer.sent(sessionId, '请查收');
    await eventually(async () => expect(await toldBank()).toMatchObject([{ data: { seq: 2 } }]));
  });

  it('should lose and double nothing when an instance stops mid-conversation and its clients move over', async () => {
    const { sessionId, bank, enterprise } = await openSession();
    const observer = await joined(admin, urlB, sessionId);
    const writers = [
      new Writer(await joined(enterprise, urlA, sessionId), sessionId, '企业'),
      new Writer(await joined(bank, urlA, sessionId), sessionId, '银行'),
    ];
    const acked = () => writers.reduce((sum, w) => sum + w.acked.size, 0);

    // Each side's first message is answered. Then A's answers stop reaching the clients while A
    // goes on storing: the other seven of each side are fired at once, some are stored on A
    // unacknowledged, and A goes down: its clients' connections drop, then the process ends.
    await Promise.all(writers.map((w) => w.write(1)));
    expect(acked()).toBe(2);
    proxyA.muteReplies();
    const inFlight = writers.flatMap((w) => [2, 3, 4, 5, 6, 7, 8].map((i) => w.write(i)));
    await eventually(async () =>
      expect((await history(admin, sessionId)).length).toBeGreaterThanOrEqual(6),
    );
    await proxyA.down();
    await Promise.all(inFlight);
    await a.close();
    aRunning = false;
    expect(acked()).toBe(2);

    // The clients come back on B, catch up from the last seq they saw, and resend what A
    // never acknowledged with the same client ids.
    let resent = 0;
    for (const [w, who] of [enterprise, bank].entries()) {
      const writer = writers[w];
      const lastSeen = writer.lastSeq();
      writer.client = await connect(who, urlB);
      const back = await writer.client.join(sessionId, lastSeen);
      if (!back.ok) throw new Error(`rejoin refused: ${JSON.stringify(back.error)}`);
      expect(back.messages.map((m) => m.seq)).toEqual(
        Array.from({ length: back.lastSeq - lastSeen }, (_, i) => lastSeen + i + 1),
      );
      resent += await writer.resendPending();
    }
    expect(resent).toBeGreaterThan(0);
    const movedOver = new Set(writers.flatMap((w) => [...w.sent.keys()]));
    for (const writer of writers) {
      for (const i of [9, 10, 11]) await writer.write(i);
    }
    const writtenOnB = writers
      .flatMap((w) => [...w.sent.keys()])
      .filter((id) => !movedOver.has(id));

    const stored = await history(admin, sessionId);
    const sentIds = writers.flatMap((w) => [...w.sent.keys()]);
    // None lost: every message any client sent is stored; none doubled: once each, seqs 1..n.
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(stored.map((m) => m.clientId).sort()).toEqual([...sentIds].sort());
    // Every ack, from A before it stopped or from B, names the stored message.
    const byClientId = new Map(stored.map((m) => [m.clientId, m]));
    for (const writer of writers) {
      expect(writer.acked.size).toBe(writer.sent.size);
      for (const [clientId, message] of writer.acked) {
        expect(message).toEqual(byClientId.get(clientId));
        expect(message.body).toBe(writer.sent.get(clientId));
      }
    }
    // The observer on B never got a message twice nor a wrong one, and got everything written
    // once the clients had moved. What it lacks (stored on A, whose broadcast went down with
    // it) it finds by seq in the history, as any client fills a gap.
    await until(() => observer.seqs().includes(22), 'the last message at the observer');
    await pause(300);
    const live = observer.broadcasts.map((m) => m.seq);
    expect(new Set(live).size).toBe(live.length);
    for (const message of observer.broadcasts) expect(message).toEqual(stored[message.seq - 1]);
    const liveIds = new Set(observer.broadcasts.map((m) => m.clientId));
    expect(writtenOnB.filter((id) => !liveIds.has(id))).toEqual([]);
  }, 60_000);
});
