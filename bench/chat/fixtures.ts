import { randomUUID } from 'node:crypto';
import { parseConfig } from '@app/core';
import { TransactionRunner } from '@app/database';
import { generateDataset } from '@app/demo';
import { DockingSession } from '@app/docking';
import { Organization, User } from '@app/identity';
import { Need } from '@app/needs';
import { Product } from '@app/products';
import { NestFactory } from '@nestjs/core';
import { insertRowsInChunks } from '../../libs/demo/src/bulk-insert';
import { AccessTokensService } from '../../libs/identity/src/auth/access-tokens.service';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/** A socket-to-be: a user of one side of one session, with an access token. */
export interface ChatMember {
  userId: string;
  token: string;
}

export interface ChatSessionFixture {
  id: string;
  members: ChatMember[];
}

/**
 * Sessions of 2 and 3 members (alternately) holding `sockets` members in all; a last session
 * of 2 when the count is odd. Each session has its own enterprise and institution, so the
 * people the chat looks up for each message are only the session's.
 */
export function sessionSizes(sockets: number): number[] {
  const sizes: number[] = [];
  let left = sockets;
  while (left >= 2) {
    const size = sizes.length % 2 === 1 && left >= 5 ? 3 : left === 3 ? 3 : 2;
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

/**
 * Writes the run's people and sessions straight into the fresh database through the app's
 * own modules (migrations applied on the way), and signs an access token for each member
 * with the secret the api processes are given. Thousands of sign-ups over HTTP would take
 * longer than the measurement.
 */
export async function createChatFixtures(options: {
  dbUrl: string;
  meiliUrl: string;
  masterKey: string;
  jwtSecret: string;
  sockets: number;
}): Promise<ChatSessionFixture[]> {
  const config = parseConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DB_URL: options.dbUrl,
    DB_MIGRATE: 'true',
    MEILI_URL: options.meiliUrl,
    MEILI_MASTER_KEY: options.masterKey,
    MEILI_INDEX_PREFIX: 'bench_',
    WORKER_IN_PROCESS: 'false',
    SEED_DEMO: 'false',
    JWT_SECRET: options.jwtSecret,
    ACCESS_TOKEN_TTL_SECONDS: '7200',
  });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  try {
    const sizes = sessionSizes(options.sockets);
    const count = sizes.length;
    const now = new Date();
    const dataset = generateDataset({
      seed: `bench-chat-${now.getTime()}`,
      enterprises: count,
      institutions: count,
      needs: count,
      products: count,
      now,
      emailOf: (role, index) => `${role[0]}${index + 1}@chat.bench.kejinqiao.example`,
    });
    const enterprises = dataset.organizations.filter((o) => o.kind === 'enterprise');
    const institutions = dataset.organizations.filter((o) => o.kind !== 'enterprise');
    const userOf = new Map(dataset.users.map((u) => [u.orgId, u]));
    const users: object[] = [];
    const sessions: object[] = [];
    const fixtures: { id: string; userIds: string[] }[] = [];
    const claims = new Map<string, { org: string; role: 'enterprise' | 'institution' }>();
    const passwordHash = '!no-sign-in';

    sizes.forEach((size, k) => {
      const enterprise = enterprises[k];
      const institution = institutions[k];
      // Each session's need and product belong to its own two parties.
      const need = dataset.needs[k];
      const product = dataset.products[k];
      need.orgId = enterprise.id;
      product.orgId = institution.id;
      const enterpriseUser = userOf.get(enterprise.id)!;
      const institutionUser = userOf.get(institution.id)!;
      const members = [
        { ...enterpriseUser, passwordHash },
        { ...institutionUser, passwordHash },
      ];
      if (size === 3) {
        // A colleague of the enterprise's contact.
        members.push({
          ...enterpriseUser,
          id: randomUUID(),
          email: `e${k + 1}.b@chat.bench.kejinqiao.example`,
          passwordHash,
        });
      }
      users.push(...members);
      for (const m of members) claims.set(m.id, { org: m.orgId, role: m.role as never });
      const id = randomUUID();
      sessions.push({
        id,
        needId: need.id,
        productId: product.id,
        enterpriseOrgId: enterprise.id,
        institutionOrgId: institution.id,
        commissionerId: null,
        initiatedBy: 'enterprise',
        status: 'accepted',
        openKey: `${need.id}:${product.id}`,
        respondBy: null,
        overdueAt: null,
        acceptedAt: now,
        approvedAmount: null,
        disbursedAmount: null,
        rejectReason: null,
        rejectNote: null,
        suggestions: null,
        version: 2,
      });
      fixtures.push({ id, userIds: members.map((m) => m.id) });
    });

    const transactions = app.get(TransactionRunner);
    await insertRowsInChunks(transactions, Organization, dataset.organizations);
    await insertRowsInChunks(transactions, User, users);
    await insertRowsInChunks(transactions, Need, dataset.needs);
    await insertRowsInChunks(transactions, Product, dataset.products);
    await insertRowsInChunks(transactions, DockingSession, sessions);

    const tokens = app.get(AccessTokensService, { strict: false });
    const tokenOf = new Map<string, string>();
    for (const [userId, claim] of claims) {
      tokenOf.set(
        userId,
        await tokens.sign({ sub: userId, org: claim.org, role: claim.role, gen: 0 }),
      );
    }
    return fixtures.map((f) => ({
      id: f.id,
      members: f.userIds.map((userId) => ({ userId, token: tokenOf.get(userId)! })),
    }));
  } finally {
    await app.close();
  }
}
