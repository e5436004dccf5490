import { randomInt, randomUUID } from 'node:crypto';
import { Clock, RealtimePush } from '@app/core';
import type { ChatMessageView } from '@app/docking';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { ChatClient, listen, pause, until } from './helpers/chat-client';
import {
  createCommissioner,
  loginAdmin,
  openDockingSession,
  SessionBody,
  verifiedOrg,
} from './helpers/factories';
import { eventually, startApp, TestApp } from './helpers/test-app';

/** 1, 2, …, n. */
const upTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

/** Long enough for a broadcast that should not come to have come. */
const QUIET_MS = 300;

/**
 * Docking chat over socket.io and its REST history, against the real database. Each session
 * gets products and needs in its own band of amounts (90 to 99 billion yuan), away from
 * other suites' data.
 */
describe('docking chat', () => {
  let t: TestApp;
  let url: string;
  let admin: SessionBody;
  let bank: SessionBody;
  let enterprise: SessionBody;
  let outsiderEnterprise: SessionBody;
  let outsiderBank: SessionBody;
  let commissioner: { id: string; token: string };
  let otherCommissioner: { id: string; token: string };
  const clients: ChatClient[] = [];

  beforeAll(async () => {
    // The concurrency tests send far more than a user may in a window; the rate limit has its
    // own app with the default limit.
    t = await startApp({ CHAT_RATE_LIMIT: '100000' });
    url = await listen(t);
    admin = await loginAdmin(t.http);
    bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
    enterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
    outsiderEnterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
    outsiderBank = await verifiedOrg(t.http, admin.accessToken, 'bank');
    commissioner = await createCommissioner(t.http, admin.accessToken);
    otherCommissioner = await createCommissioner(t.http, admin.accessToken);
    await request(t.http)
      .post(`/api/v1/commissioners/${commissioner.id}/assignments`)
      .auth(admin.accessToken, { type: 'bearer' })
      .send({ orgIds: [enterprise.organization.id] })
      .expect(200);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(() => t.close());

  const tokenOf = (who: SessionBody | { token: string }): string =>
    'token' in who ? who.token : who.accessToken;

  const connect = async (who: SessionBody | { token: string }, baseUrl = url) => {
    const client = await ChatClient.connect(baseUrl, tokenOf(who));
    clients.push(client);
    return client;
  };

  /** Connects and joins the session; fails the test if the join is refused. */
  const joined = async (who: SessionBody | { token: string }, sessionId: string) => {
    const client = await connect(who);
    const ack = await client.join(sessionId);
    expect(ack).toMatchObject({ ok: true });
    return client;
  };

  /** A session the enterprise applied for with a fresh need to a fresh product of the bank. */
  const openSession = (): Promise<string> =>
    openDockingSession(t.http, bank, enterprise, 90_000_000_000 + randomInt(9_000) * 1_000_000);

  const history = (who: SessionBody | { token: string }, sessionId: string, query = '') =>
    request(t.http)
      .get(`/api/v1/docking-sessions/${sessionId}/messages${query}`)
      .auth(tokenOf(who), { type: 'bearer' });

  describe('handshake', () => {
    it('should admit a valid access token and refuse a missing, forged or expired one with its code', async () => {
      const client = await connect(enterprise);
      expect(client.socket.connected).toBe(true);

      expect((await ChatClient.refusal(url, undefined)).data?.code).toBe('UNAUTHENTICATED');
      expect((await ChatClient.refusal(url, '')).data?.code).toBe('UNAUTHENTICATED');
      expect((await ChatClient.refusal(url, 'not-a-jwt')).data?.code).toBe('TOKEN_INVALID');
      const forged = `${enterprise.accessToken.slice(0, -4)}AAAA`;
      expect((await ChatClient.refusal(url, forged)).data?.code).toBe('TOKEN_INVALID');

      const expired = await t.app
        .get(JwtService)
        .signAsync(
          { sub: bank.user.id, org: bank.organization.id, role: bank.user.role, gen: 0 },
          { expiresIn: -60 },
        );
      const refusal = await ChatClient.refusal(url, expired);
      expect(refusal).toMatchObject({
        message: 'The access token has expired.',
        data: { code: 'TOKEN_EXPIRED', message: 'The access token has expired.' },
      });
    });

    it('should accept the token with its Bearer prefix', async () => {
      const client = await connect({ token: `Bearer ${bank.accessToken}` });
      expect(client.socket.connected).toBe(true);
    });

    it('should refuse a user whose organization was suspended, like HTTP does', async () => {
      const suspended = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
      await request(t.http)
        .post(`/api/v1/orgs/${suspended.organization.id}/suspend`)
        .auth(admin.accessToken, { type: 'bearer' })
        .expect(200);

      expect((await ChatClient.refusal(url, suspended.accessToken)).data?.code).toBe(
        'ACCOUNT_SUSPENDED',
      );
    });

    it('should tell a socket its token expired and disconnect it then, not before', async () => {
      const sessionId = await openSession();
      const shortLived = await t.app.get(JwtService).signAsync(
        {
          sub: enterprise.user.id,
          org: enterprise.organization.id,
          role: enterprise.user.role,
          gen: 0,
        },
        { expiresIn: 2 },
      );
      const client = await connect({ token: shortLived });
      const told: unknown[] = [];
      client.socket.on('auth:expired', (error: unknown) => told.push(error));
      const disconnected = new Promise<string>((resolve) =>
        client.socket.once('disconnect', (reason) => resolve(reason)),
      );
      expect(await client.join(sessionId)).toMatchObject({ ok: true });
      expect(await client.send(sessionId, '令牌到期前的消息')).toMatchObject({ ok: true });

      expect(await disconnected).toBe('io server disconnect');
      expect(told).toEqual([
        {
          code: 'TOKEN_EXPIRED',
          message: 'The access token has expired.',
          details: [],
        },
      ]);
      // A fresh token gets the user back in.
      const again = await connect(enterprise);
      expect(await again.join(sessionId)).toMatchObject({ ok: true, lastSeq: 1 });
    });

    it('should put every socket of a user in its own room, where RealtimePush reaches it', async () => {
      const [first, second, other] = await Promise.all([
        connect(bank),
        connect(bank),
        connect(enterprise),
      ]);

      t.app.get(RealtimePush).toUser(bank.user.id, 'notification:new', { title: '新的对接申请' });

      await until(
        () => first.pushes.length === 1 && second.pushes.length === 1,
        'the push on both sockets',
      );
      expect(first.pushes).toEqual([
        { event: 'notification:new', payload: { title: '新的对接申请' } },
      ]);
      await pause(QUIET_MS);
      expect(other.pushes).toEqual([]);
    });
  });

  describe('notifications', () => {
    it('should push a notification to the user the moment its transaction commits', async () => {
      const onBank = await connect(bank);

      const sessionId = await openSession();

      await until(() => onBank.pushes.length >= 1, 'the notification push');
      expect(onBank.pushes).toEqual([
        {
          event: 'notification:new',
          payload: expect.objectContaining({
            kind: 'docking_request',
            data: expect.objectContaining({ sessionId }) as unknown,
          }) as unknown,
        },
      ]);
      const listed = await request(t.http)
        .get('/api/v1/notifications')
        .auth(bank.accessToken, { type: 'bearer' });
      const pushed = onBank.pushes[0].payload as { id: string };
      expect((listed.body.items as { id: string }[]).map((n) => n.id)).toContain(pushed.id);
    });
  });

  describe('offline notifications', () => {
    it('should tell a party with no socket open of new messages, once per unread stretch', async () => {
      const sessionId = await openSession();
      const onEnterprise = await joined(enterprise, sessionId);
      const told = async () =>
        (
          (
            await request(t.http)
              .get('/api/v1/notifications')
              .query({ pageSize: 100 })
              .auth(bank.accessToken, { type: 'bearer' })
          ).body.items as { kind: string; body: string; data: { sessionId?: string } }[]
        ).filter((n) => n.kind === 'chat_message' && n.data.sessionId === sessionId);

      await onEnterprise.sent(sessionId, '您好，请问审批需要哪些材料？');
      await eventually(async () => expect(await told()).toHaveLength(1));
      expect((await told())[0].body).toBe('您好，请问审批需要哪些材料？');
      await onEnterprise.sent(sessionId, '补充一句');
      await pause(QUIET_MS);
      expect(await told()).toHaveLength(1);

      const onBank = await joined(bank, sessionId);
      expect(await onBank.emit('message:read', { sessionId, seq: 2 })).toMatchObject({ ok: true });
      await onEnterprise.sent(sessionId, '在线时不打扰');
      await pause(QUIET_MS);
      expect(await told()).toHaveLength(1);
      onBank.close();
      await pause(QUIET_MS);

      await onEnterprise.sent(sessionId, '读过之后的新消息');
      await eventually(async () => expect(await told()).toHaveLength(2));
    });
  });

  describe('session:join', () => {
    it('should let in both sides, the session’s commissioner and admins, with the last seq', async () => {
      const sessionId = await openSession();
      const first = await joined(enterprise, sessionId);
      await first.sent(sessionId, '您好，想了解一下贷款流程');

      for (const who of [enterprise, bank, commissioner, admin]) {
        const client = await connect(who);
        expect(await client.join(sessionId)).toEqual({
          ok: true,
          lastSeq: 1,
          messages: [],
          reads: [],
        });
      }
    });

    it('should refuse outsiders as if the session did not exist, and send them nothing of it', async () => {
      const sessionId = await openSession();
      const outsiders = await Promise.all(
        [outsiderEnterprise, outsiderBank, otherCommissioner].map((who) => connect(who)),
      );
      for (const outsider of outsiders) {
        expect(await outsider.join(sessionId)).toEqual({
          ok: false,
          error: {
            code: 'DOCKING_SESSION_NOT_FOUND',
            message: 'The docking session was not found.',
            details: [],
          },
        });
      }
      const unknown = await outsiders[0].join(randomUUID());
      expect(unknown).toMatchObject({ ok: false, error: { code: 'DOCKING_SESSION_NOT_FOUND' } });

      const member = await joined(bank, sessionId);
      const sender = await joined(enterprise, sessionId);
      await sender.sent(sessionId, '只给参与方看的消息');
      await until(() => member.broadcasts.length === 1, 'the broadcast to the bank');
      await pause(QUIET_MS);
      for (const outsider of outsiders) expect(outsider.broadcasts).toEqual([]);

      // Nor can an outsider write into it.
      const sent = await outsiders[1].send(sessionId, '我也想说两句');
      expect(sent).toMatchObject({ ok: false, error: { code: 'DOCKING_SESSION_NOT_FOUND' } });
    });
  });

  describe('message:send', () => {
    it('should ack the stored message to the sender and broadcast it to the others in the room', async () => {
      const sessionId = await openSession();
      const [sender, other, sameUser] = await Promise.all([
        joined(enterprise, sessionId),
        joined(bank, sessionId),
        joined(enterprise, sessionId),
      ]);
      const clientId = randomUUID();

      const ack = await sender.send(sessionId, '请问需要准备哪些材料？', clientId);

      const message: ChatMessageView = {
        id: expect.any(String) as string,
        sessionId,
        seq: 1,
        clientId,
        senderId: enterprise.user.id,
        senderName: '测试用户',
        senderRole: 'enterprise',
        body: '请问需要准备哪些材料？',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) as string,
      };
      expect(ack).toEqual({ ok: true, message });
      await until(() => other.broadcasts.length === 1, 'the broadcast');
      expect(other.broadcasts).toEqual([message]);
      // The sender's other tab hears of it too; the sending socket has it from the ack.
      await until(() => sameUser.broadcasts.length === 1, 'the broadcast to the other tab');
      await pause(QUIET_MS);
      expect(sender.broadcasts).toEqual([]);
    });

    it('should store a resend with the same client id once and broadcast it once', async () => {
      const sessionId = await openSession();
      const [sender, other] = await Promise.all([
        joined(bank, sessionId),
        joined(enterprise, sessionId),
      ]);
      const clientId = randomUUID();

      const first = await sender.sent(sessionId, '已收到，正在审核', clientId);
      const again = await sender.sent(sessionId, '已收到，正在审核', clientId);
      // A client that retries at once, several times over, still gets that one message.
      const racing = await Promise.all(
        [1, 2, 3].map(() => sender.sent(sessionId, '已收到，正在审核', clientId)),
      );

      expect(again).toEqual(first);
      expect(racing).toEqual([first, first, first]);
      await until(() => other.broadcasts.length === 1, 'the broadcast');
      await pause(QUIET_MS);
      expect(other.broadcasts).toEqual([first]);
      const stored = await history(enterprise, sessionId).expect(200);
      expect(stored.body.items).toEqual([first]);

      // The same client id from someone else is their own message.
      const fromOther = await other.sent(sessionId, '好的，谢谢', clientId);
      expect(fromOther.seq).toBe(2);
    });

    it('should number concurrent senders 1..90 without gaps and deliver them to everyone in seq order', async () => {
      const sessionId = await openSession();
      const senders = await Promise.all(
        [enterprise, bank, commissioner].map((who) => joined(who, sessionId)),
      );
      const observer = await joined(admin, sessionId);

      const acks = await Promise.all(
        senders.flatMap((sender, s) =>
          upTo(30).map((i) => sender.sent(sessionId, `sender ${s} message ${i}`)),
        ),
      );

      expect(acks.map((m) => m.seq).sort((a, b) => a - b)).toEqual(upTo(90));
      expect(new Set(acks.map((m) => m.id)).size).toBe(90);
      for (const client of [...senders, observer]) {
        await until(() => client.arrivals.length >= 90, 'every message at every client');
        expect(client.arrivals.map((m) => m.seq)).toEqual(upTo(90));
      }
      // Each sender's own messages keep the order it sent them in.
      for (const [s] of senders.entries()) {
        const own = acks.filter((m) => m.body.startsWith(`sender ${s} `));
        expect(own.map((m) => m.body)).toEqual(upTo(30).map((i) => `sender ${s} message ${i}`));
      }
      const stored = await history(admin, sessionId, '?limit=200').expect(200);
      expect(stored.body.items.map((m: ChatMessageView) => m.seq)).toEqual(upTo(90));
      expect(stored.body.lastSeq).toBe(90);
    });

    it('should keep sessions apart: each numbers its own messages from 1', async () => {
      const [one, two] = await Promise.all([openSession(), openSession()]);
      const client = await connect(enterprise);
      const seqs = await Promise.all(
        [one, two, one, two, one].map(async (id) => [id, (await client.sent(id, 'x')).seq]),
      );
      expect(seqs.filter(([id]) => id === one).map(([, seq]) => seq)).toEqual([1, 2, 3]);
      expect(seqs.filter(([id]) => id === two).map(([, seq]) => seq)).toEqual([1, 2]);
    });

    it('should give back SQL, HTML, emoji and layout byte for byte, control characters removed', async () => {
      const sessionId = await openSession();
      const [sender, other] = await Promise.all([
        joined(enterprise, sessionId),
        joined(bank, sessionId),
      ]);
      const cases: [sent: string, stored: string][] = [
        [
          "Robert'); DROP TABLE docking_messages;-- ' OR '1'='1 \\' \\\\",
          "Robert'); DROP TABLE docking_messages;-- ' OR '1'='1 \\' \\\\",
        ],
        [
          '<script>alert("x")</script><img src=x onerror=alert(1)> &amp; &lt;',
          '<script>alert("x")</script><img src=x onerror=alert(1)> &amp; &lt;',
        ],
        ['😀👨‍👩‍👧‍👦🇨🇳 融资需求 é\u200b ﷽ 𠀀', '😀👨‍👩‍👧‍👦🇨🇳 融资需求 é\u200b ﷽ 𠀀'],
        ['  两端空格  \n\t缩进一行\r\n', '  两端空格  \n\t缩进一行\r\n'],
        [
          '\u0000bell\u0007 \u001b[31mred\u001b[0m del\u007f nel\u0085 end',
          'bell [31mred[0m del nel end',
        ],
      ];

      const acks = [];
      for (const [sent] of cases) acks.push(await sender.sent(sessionId, sent));

      expect(acks.map((m) => m.body)).toEqual(cases.map(([, stored]) => stored));
      await until(() => other.broadcasts.length === cases.length, 'the broadcasts');
      expect(other.broadcasts.map((m) => m.body)).toEqual(cases.map(([, stored]) => stored));
      const stored = await history(bank, sessionId).expect(200);
      expect(stored.body.items.map((m: ChatMessageView) => m.body)).toEqual(
        cases.map(([, body]) => body),
      );
    });

    it('should take 4,000 characters (counted as code points) and refuse 4,001', async () => {
      const sessionId = await openSession();
      const client = await connect(enterprise);

      const longest = await client.send(sessionId, '😀'.repeat(4000));
      expect(longest).toMatchObject({ ok: true, message: { body: '😀'.repeat(4000) } });
      // Control characters are not counted: they are gone before the length is checked.
      const withControls = await client.send(sessionId, `${'a'.repeat(4000)}\u0000\u0007`);
      expect(withControls).toMatchObject({ ok: true });

      const tooLong = await client.send(sessionId, 'a'.repeat(4001));
      expect(tooLong).toEqual({
        ok: false,
        error: {
          code: 'VALIDATION_FAILED',
          message: 'The request is not valid.',
          details: [
            {
              field: 'body',
              code: 'maxLength',
              message: 'body must be shorter than or equal to 4000 characters',
            },
          ],
        },
      });
    });

    it('should refuse payloads nested too deep with BODY_TOO_DEEP on every event, storing nothing', async () => {
      const sessionId = await openSession();
      const client = await connect(enterprise);
      expect(await client.join(sessionId)).toMatchObject({ ok: true });
      /**
       * `{ sessionId, clientId, body, extra: [[…[]…]] }`, `levels` deep in all, written as
       * text: the client's own JSON.stringify could not encode the deepest of them.
       */
      const nested = (levels: number) =>
        `{"sessionId":"${sessionId}","clientId":"${randomUUID()}","body":"深层嵌套",` +
        `"extra":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;

      for (const event of ['session:join', 'message:send', 'message:read', 'typing']) {
        for (const levels of [33, 5_000]) {
          expect(await client.emitRaw(event, nested(levels))).toMatchObject({
            ok: false,
            error: { code: 'BODY_TOO_DEEP' },
          });
        }
        // As deep as allowed: the payload reaches validation, which names the unknown field.
        expect(await client.emitRaw(event, nested(32))).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION_FAILED' },
        });
      }
      expect(client.socket.connected).toBe(true);
      expect((await history(enterprise, sessionId)).body.items).toEqual([]);
    });

    it('should refuse bad payloads with VALIDATION_FAILED and the failed rules, storing nothing', async () => {
      const sessionId = await openSession();
      const client = await connect(enterprise);
      const rules = async (payload: unknown) => {
        const ack = await client.emit('message:send', payload);
        if (ack.ok) throw new Error(`accepted ${JSON.stringify(payload)}`);
        expect(ack.error.code).toBe('VALIDATION_FAILED');
        return (ack.error.details as { field: string; code: string }[]).map(
          (d) => `${d.field}:${d.code}`,
        );
      };

      expect(await rules({ sessionId, body: '没有 clientId' })).toEqual(['clientId:isUuid']);
      expect(await rules({ sessionId, clientId: 'abc', body: 'x' })).toEqual(['clientId:isUuid']);
      expect(
        await rules({ sessionId, clientId: randomUUID(), body: '\u0000\u0007\u001b' }),
      ).toEqual(['body:isNotBlank']);
      expect(await rules({ sessionId, clientId: randomUUID(), body: ' \n\t ' })).toEqual([
        'body:isNotBlank',
      ]);
      expect(await rules({ sessionId, clientId: randomUUID(), body: 42 })).toEqual(
        expect.arrayContaining(['body:isString']),
      );
      expect(await rules({ sessionId: 'session-1', clientId: randomUUID(), body: 'x' })).toEqual([
        'sessionId:isUuid',
      ]);
      expect(
        await rules({ sessionId, clientId: randomUUID(), body: 'x', senderId: bank.user.id }),
      ).toEqual(['senderId:unknown_field']);
      expect(await rules('just a string')).toEqual(
        expect.arrayContaining(['sessionId:isUuid', 'clientId:isUuid']),
      );
      expect(await rules(undefined)).toEqual(
        expect.arrayContaining(['sessionId:isUuid', 'clientId:isUuid']),
      );
      expect(await client.join('not-a-uuid')).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', details: [{ field: 'sessionId', code: 'isUuid' }] },
      });

      const stored = await history(enterprise, sessionId).expect(200);
      expect(stored.body).toEqual({ items: [], lastSeq: 0, reads: [] });
    });

    it('should answer an event sent without an ack callback with an exception event', async () => {
      const client = await connect(enterprise);
      const refused = new Promise<unknown>((resolve) => client.socket.once('exception', resolve));

      client.socket.emit('message:send', { sessionId: randomUUID(), body: 'x' });

      expect(await refused).toMatchObject({
        event: 'message:send',
        error: { code: 'VALIDATION_FAILED', details: [{ field: 'clientId', code: 'isUuid' }] },
      });
    });

    it('should refuse new messages once the session ended, keep its chat readable and still ack a resend', async () => {
      const sessionId = await openSession();
      const client = await joined(enterprise, sessionId);
      const clientId = randomUUID();
      const before = await client.sent(sessionId, '我们先撤回申请', clientId);
      await request(t.http)
        .post(`/api/v1/docking-sessions/${sessionId}/transitions`)
        .auth(enterprise.accessToken, { type: 'bearer' })
        .send({ action: 'withdraw' })
        .expect(200);

      expect(await client.send(sessionId, '还能发吗？')).toEqual({
        ok: false,
        error: {
          code: 'DOCKING_SESSION_CLOSED',
          message: 'The docking session has ended: its chat can be read but takes no new messages.',
          details: { status: 'withdrawn' },
        },
      });
      // A retry of what was stored before the end is still acknowledged.
      expect(await client.sent(sessionId, '我们先撤回申请', clientId)).toEqual(before);

      const bankClient = await connect(bank);
      expect(await bankClient.join(sessionId, 0)).toEqual({
        ok: true,
        lastSeq: 1,
        messages: [before],
        reads: [],
      });
      expect((await history(bank, sessionId).expect(200)).body.items).toEqual([before]);
    });

    it('should follow a reassignment at once: the commissioner replaced is refused, the new one heard', async () => {
      const sessionId = await openSession();
      const former = await joined(commissioner, sessionId);
      const first = await former.sent(sessionId, '我来协调本次对接');
      await request(t.http)
        .post(`/api/v1/docking-sessions/${sessionId}/transitions`)
        .auth(commissioner.token, { type: 'bearer' })
        .send({ action: 'reassign', commissionerId: otherCommissioner.id })
        .expect(200);

      expect(await former.send(sessionId, '我还在吗？')).toMatchObject({
        ok: false,
        error: { code: 'DOCKING_SESSION_NOT_FOUND' },
      });
      const successor = await connect(otherCommissioner);
      const next = await successor.sent(sessionId, '由我接手后续对接');
      expect(next).toMatchObject({
        seq: 2,
        senderId: otherCommissioner.id,
        senderRole: 'commissioner',
      });
      expect((await history(otherCommissioner, sessionId).expect(200)).body.items).toEqual([
        first,
        next,
      ]);
    });
  });

  describe('catching up', () => {
    it('should hand a client back from a disconnection exactly what it missed, by socket and by REST', async () => {
      const sessionId = await openSession();
      const sender = await joined(enterprise, sessionId);
      const reader = await joined(bank, sessionId);
      await sender.sent(sessionId, '第一条');
      await sender.sent(sessionId, '第二条');
      await until(() => reader.broadcasts.length === 2, 'the first two messages');
      const lastSeen = reader.broadcasts[1].seq;
      reader.close();

      const missed = [
        await sender.sent(sessionId, '第三条'),
        await sender.sent(sessionId, '第四条'),
        await sender.sent(sessionId, '第五条'),
      ];

      const back = await connect(bank);
      expect(await back.join(sessionId, lastSeen)).toEqual({
        ok: true,
        lastSeq: 5,
        messages: missed,
        reads: [],
      });
      const rest = await history(bank, sessionId, `?afterSeq=${lastSeen}`).expect(200);
      expect(rest.body).toEqual({ items: missed, lastSeq: 5, reads: [] });
      // From then on it is live again.
      const live = await sender.sent(sessionId, '第六条');
      await until(() => back.broadcasts.length === 1, 'the live message');
      expect(back.broadcasts).toEqual([live]);
    });

    it('should recover a dropped connection with the broadcasts it missed (connection state recovery)', async () => {
      const sessionId = await openSession();
      const sender = await joined(enterprise, sessionId);
      const reader = await ChatClient.connect(url, bank.accessToken, {
        reconnection: true,
        reconnectionDelay: 100,
        reconnectionDelayMax: 200,
      });
      clients.push(reader);
      expect(await reader.join(sessionId)).toMatchObject({ ok: true });
      // Recovery starts from the offset of the last broadcast the client got.
      const seen = await sender.sent(sessionId, '断线之前的消息');
      await until(() => reader.broadcasts.length === 1, 'the first message');
      const dropped = new Promise((resolve) => reader.socket.once('disconnect', resolve));
      const back = new Promise((resolve) => reader.socket.once('connect', () => resolve(null)));

      // The transport breaks under the client, as when a phone changes network.
      reader.socket.io.engine.close();
      await dropped;
      expect(reader.socket.active).toBe(true);
      await pause(100);
      const missed = await sender.sent(sessionId, '断线期间的消息');
      await back;

      expect(reader.socket.recovered).toBe(true);
      await until(() => reader.broadcasts.length === 2, 'the missed message');
      expect(reader.broadcasts).toEqual([seen, missed]);
      // Still in the room: new messages keep coming.
      const next = await sender.sent(sessionId, '恢复之后的消息');
      await until(() => reader.broadcasts.length === 3, 'the next message');
      expect(reader.broadcasts[2]).toEqual(next);
    });
  });

  describe('GET /docking-sessions/:id/messages', () => {
    it('should page by afterSeq and limit in seq order, with the last seq', async () => {
      const sessionId = await openSession();
      const client = await connect(enterprise);
      const sent = [];
      for (const i of upTo(5)) sent.push(await client.sent(sessionId, `消息 ${i}`));

      const page = await history(bank, sessionId, '?afterSeq=2&limit=2').expect(200);
      expect(page.body).toEqual({ items: sent.slice(2, 4), lastSeq: 5, reads: [] });
      const all = await history(commissioner, sessionId).expect(200);
      expect(all.body.items).toEqual(sent);
      const none = await history(admin, sessionId, '?afterSeq=5').expect(200);
      expect(none.body.items).toEqual([]);
    });

    it('should answer 404 to outsiders and for unknown sessions, 400 to bad paging', async () => {
      const sessionId = await openSession();
      for (const outsider of [outsiderEnterprise, outsiderBank, otherCommissioner]) {
        const response = await history(outsider, sessionId);
        expect(response.status).toBe(404);
        expect(response.body.error.code).toBe('DOCKING_SESSION_NOT_FOUND');
      }
      expect((await history(enterprise, randomUUID())).status).toBe(404);
      expect((await history(enterprise, 'abc')).body.error.code).toBe('VALIDATION_FAILED');
      for (const query of ['?afterSeq=-1', '?afterSeq=x', '?limit=0', '?limit=201', '?page=2']) {
        const response = await history(enterprise, sessionId, query);
        expect([query, response.status]).toEqual([query, 400]);
      }
      const anonymous = await request(t.http).get(`/api/v1/docking-sessions/${sessionId}/messages`);
      expect(anonymous.status).toBe(401);
    });
  });

  describe('message:read and typing', () => {
    it('should store read markers per user, only forward, and tell the room', async () => {
      const sessionId = await openSession();
      const [writer, reader] = await Promise.all([
        joined(enterprise, sessionId),
        joined(bank, sessionId),
      ]);
      for (const i of upTo(3)) await writer.sent(sessionId, `消息 ${i}`);

      expect(await reader.emit('message:read', { sessionId, seq: 2 })).toEqual({
        ok: true,
        seq: 2,
      });
      await until(() => writer.reads.length === 1, 'the read marker');
      expect(writer.reads).toEqual([{ sessionId, userId: bank.user.id, seq: 2 }]);

      // Never back; past the last message it stops at the last one.
      expect(await reader.emit('message:read', { sessionId, seq: 1 })).toEqual({
        ok: true,
        seq: 2,
      });
      expect(await reader.emit('message:read', { sessionId, seq: 99 })).toEqual({
        ok: true,
        seq: 3,
      });
      await until(() => writer.reads.length === 2, 'the second read marker');
      await pause(QUIET_MS);
      expect(writer.reads.map((r) => r.seq)).toEqual([2, 3]);
      expect(reader.reads).toEqual([]);

      const concurrent = await Promise.all(
        [1, 3, 2, 3].map((seq) => writer.emit('message:read', { sessionId, seq })),
      );
      expect(concurrent.every((ack) => ack.ok)).toBe(true);
      const stored = await history(admin, sessionId).expect(200);
      expect(stored.body.reads).toEqual(
        [
          { userId: bank.user.id, seq: 3 },
          { userId: enterprise.user.id, seq: 3 },
        ].sort((a, b) => a.userId.localeCompare(b.userId)),
      );

      const outsider = await connect(outsiderBank);
      expect(await outsider.emit('message:read', { sessionId, seq: 1 })).toMatchObject({
        ok: false,
        error: { code: 'DOCKING_SESSION_NOT_FOUND' },
      });
      expect(await reader.emit('message:read', { sessionId, seq: 0 })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', details: [{ field: 'seq', code: 'min' }] },
      });
    });

    it('should pass typing hints to the others in the room without storing them', async () => {
      const sessionId = await openSession();
      const [typist, other] = await Promise.all([
        joined(enterprise, sessionId),
        joined(bank, sessionId),
      ]);

      expect(await typist.emit('typing', { sessionId })).toEqual({ ok: true });

      await until(() => other.typings.length === 1, 'the typing hint');
      expect(other.typings).toEqual([{ sessionId, userId: enterprise.user.id, name: '测试用户' }]);
      await pause(QUIET_MS);
      expect(typist.typings).toEqual([]);
      expect((await history(bank, sessionId).expect(200)).body.items).toEqual([]);

      // Only from a socket that joined the session.
      const stranger = await connect(outsiderEnterprise);
      expect(await stranger.emit('typing', { sessionId })).toMatchObject({
        ok: false,
        error: { code: 'DOCKING_SESSION_NOT_FOUND' },
      });
      await typist.emit('session:leave', { sessionId });
      expect(await typist.emit('typing', { sessionId })).toMatchObject({ ok: false });
    });
  });

  describe('rate limit', () => {
    let limited: TestApp;
    let limitedUrl: string;

    beforeAll(async () => {
      limited = await startApp();
      limitedUrl = await listen(limited);
    });
    afterAll(async () => {
      limited.app.get(Clock).reset();
      await limited.close();
    });

    it('should refuse a user’s 21st message within 10 s with RATE_LIMITED and when to retry', async () => {
      const sessionId = await openSession();
      const client = await connect(enterprise, limitedUrl);

      const acks = await Promise.all(upTo(20).map((i) => client.send(sessionId, `第${i}条`)));
      expect(acks.every((ack) => ack.ok)).toBe(true);

      const refused = await client.send(sessionId, '第21条');
      expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
      const { retryAfter } = (refused as { error: { details: { retryAfter: number } } }).error
        .details;
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(10);
      // The limit is the user's: another user of the session is not held back.
      const other = await connect(bank, limitedUrl);
      expect(await other.send(sessionId, '银行这边可以发')).toMatchObject({ ok: true });

      limited.app.get(Clock).advance(10_000);
      expect(await client.send(sessionId, '过了十秒')).toMatchObject({
        ok: true,
        message: { seq: 22 },
      });
    });
  });
});
