import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import expectedMatrix from '../access-matrix.json';
import { listen } from '../helpers/chat-client';
import { startApp, TestApp } from '../helpers/test-app';
import { MATRIX, runAccessMatrix } from './access-matrix';
import { Api } from './api-client';
import { DbProbe } from './db-state';
import { Findings } from './findings';
import { figuresTable, fuzzOperation, plansOf, type OperationFigures } from './http-fuzz';
import { operationsOf, type OpenApiDocument, type Operation } from './openapi';
import {
  fuzzHandshakes,
  fuzzSocketEvent,
  quiet,
  SOCKET_EVENTS,
  SocketCallers,
  socketPlans,
  STRAY_EVENT,
  type SocketCaller,
} from './socket-fuzz';
import { Stock, TARGETS } from './targets';
import { missingId, World, type Member } from './world';

/** Requests per operation and socket event: a few in `npm test`, 1,000 in `npm run fuzz`. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Only the operations and events whose name contains one of these, comma-separated. */
const ONLY = (process.env.FUZZ_OPS ?? '').split(',');
const chosen = (name: string) => ONLY.some((part) => name.includes(part));
const MATRIX_FILE = join(__dirname, '..', 'access-matrix.json');

/**
 * The api's hardening, kept closed. The access matrix: every operation of the OpenAPI document
 * as every caller on its own, the other side's and missing ids answers what
 * test/access-matrix.json says. The fuzz: every operation, and every socket event, sent valid
 * and broken in every way its schema suggests, as every caller: never a 5xx; a 4xx answers
 * the error envelope with a code of its status and writes nothing. Findings are appended to
 * /tmp/fuzz-findings.md; FUZZ_SEED replays a run.
 */
describe(`API hardening (seed ${SEED}, ${RUNS} per operation)`, () => {
  let t: TestApp;
  let url: string;
  let api: Api;
  let world: World;
  let probe: DbProbe;
  let operations: Operation[];
  let byKey: Map<string, Operation>;
  /** Tokens the fuzz also sends: expired, of nobody, claiming a role, of a suspended user. */
  let oddTokens: string[];
  /** A party of a session of side 0, whose organization is suspended once its socket is in. */
  let suspended: { member: Member; sessionId: string };
  let sockets: SocketCallers | undefined;
  const stock = new Stock();
  const findings = new Findings(`API hardening, FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}`);
  const figures: OperationFigures[] = [];

  beforeAll(async () => {
    process.stdout.write(`API hardening: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}\n`);
    // A long run outlives the default 15-minute access tokens.
    t = await startApp({
      WORKER_IN_PROCESS: 'false',
      CHAT_RATE_LIMIT: '100000',
      ACCESS_TOKEN_TTL_SECONDS: '86400',
    });
    url = await listen(t);
    api = new Api(url);
    world = await World.build(t, api);
    probe = await DbProbe.open();
    const document = (await api.send({ method: 'GET', path: '/docs/json' })).json;
    operations = operationsOf(document as OpenApiDocument);
    byKey = new Map(operations.map((operation) => [operation.key, operation]));

    const banned = await world.owner('suspended');
    await world.suspend(banned.orgId);
    const jwt = t.app.get(JwtService, { strict: false });
    const enterprise = world.sides[0].enterprise;
    // A token of an enterprise user that claims the admin role: the role comes from the user.
    const claimant = await world.owner('claims');
    oddTokens = [
      await jwt.signAsync(
        { sub: enterprise.userId, org: enterprise.orgId, role: 'enterprise', gen: 0 },
        { expiresIn: -60 },
      ),
      await jwt.signAsync({ sub: missingId(), org: missingId(), role: 'admin', gen: 0 }),
      await jwt.signAsync({ sub: claimant.userId, org: claimant.orgId, role: 'admin', gen: 0 }),
      banned.token,
    ];
  }, 180_000);

  afterAll(async () => {
    sockets?.closeAll();
    if (figures.length > 0) {
      process.stdout.write(
        `\nAPI hardening, FUZZ_SEED=${SEED} (statuses: HTTP's; a socket event's ack counts as 200 ` +
          `when ok, else as its error code's status; no-ack: sent without an ack, nothing came ` +
          `back):\n${figuresTable(figures)}\n`,
      );
    }
    await probe?.close();
    await t?.close();
  });

  describe('access matrix', () => {
    it('should have a row for every operation of the document, and no other row', () => {
      const keys = operations.map((operation) => operation.key);
      expect(keys.filter((key) => !(key in expectedMatrix))).toEqual([]);
      expect(Object.keys(expectedMatrix).filter((key) => !keys.includes(key))).toEqual([]);
    });

    it('should answer every operation, caller and scope as the table says', async () => {
      const { observed, wrong } = await runAccessMatrix(
        world,
        api,
        operations,
        expectedMatrix,
        stock,
        findings,
      );
      // MATRIX_WRITE=1 records what the api answers; review the diff before committing it.
      if (process.env.MATRIX_WRITE === '1') {
        writeFileSync(MATRIX_FILE, `${JSON.stringify(observed, null, 2)}\n`);
      }
      expect(wrong).toEqual([]);
    }, 300_000);
  });

  describe('HTTP fuzz', () => {
    it('should know a valid request of every operation of the document', () => {
      expect(operations.map((o) => o.key).filter((key) => !(key in TARGETS))).toEqual([]);
    });

    const keys = Object.keys(TARGETS).filter(chosen);
    (keys.length > 0 ? it.each(keys) : it.skip.each(['(none chosen)']))(
      '%s',
      async (key) => {
        const operation = byKey.get(key);
        if (!operation) throw new Error(`${key} is not in the OpenAPI document any more`);
        // Search catches up with what the last operation changed.
        await world.settle();
        const result = await fuzzOperation(
          { world, api, probe, findings, stock },
          operation,
          plansOf(operation, world, SEED, RUNS, oddTokens),
        );
        figures.push(result);
        expect(findings.of(key).filter((f) => !f.problem.startsWith(MATRIX))).toEqual([]);
      },
      Math.max(60_000, RUNS * 2_000),
    );
  });

  describe('socket fuzz', () => {
    beforeAll(async () => {
      suspended = await world.sessionParty(world.sides[0]);
      const members: Record<SocketCaller, Member> = {
        enterprise: world.sides[0].enterprise,
        institution: world.sides[0].institution,
        commissioner: world.sides[0].commissioner,
        admin: world.admin,
        suspended: suspended.member,
      };
      const home = world.sides[0].sessionId;
      sockets = new SocketCallers(url, members, {
        enterprise: home,
        institution: home,
        commissioner: home,
        admin: home,
        suspended: suspended.sessionId,
      });
      // The suspended party's socket was let in before its organization was suspended.
      await sockets.client('suspended');
      await world.suspend(suspended.member.orgId);
      // A message to read; the parties offline hear of it a moment later.
      await (await sockets.client('enterprise')).sent(home, '您好');
      await quiet(probe, await probe.state());
    }, 60_000);

    it('should admit a handshake or refuse it with a 4xx code, whatever the token', async () => {
      const result = await fuzzHandshakes(url, world, suspended.member.token, findings);
      figures.push(result);
      expect(findings.of('socket handshake')).toEqual([]);
    }, 60_000);

    const sessionOf = (caller: SocketCaller, scope: 'own' | 'foreign' | 'missing') => {
      if (scope === 'missing') return missingId();
      if (scope === 'foreign') return world.sides[1].sessionId;
      return caller === 'suspended' ? suspended.sessionId : world.sides[0].sessionId;
    };

    const events = [...Object.keys(SOCKET_EVENTS), STRAY_EVENT].filter((event) =>
      chosen(`socket ${event}`),
    );
    (events.length > 0 ? it.each(events) : it.skip.each(['(none chosen)']))(
      'socket %s',
      async (event) => {
        if (!sockets) throw new Error('no sockets');
        const result = await fuzzSocketEvent(
          { world, sockets, probe, findings, sessionOf },
          event,
          socketPlans(event, SEED, RUNS),
        );
        figures.push(result);
        expect(findings.of(`socket ${event}`)).toEqual([]);
      },
      Math.max(60_000, RUNS * 2_000),
    );
  });
});
