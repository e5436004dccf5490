import {
  DEMO_EMAIL_DOMAIN,
  DemoLogin,
  DemoSeeder,
  Organization,
  ORGANIZATIONS_INDEX,
  User,
} from '@app/identity';
import { OutboxService, TransactionRunner } from '@app/database';
import { Need, NEEDS_INDEX } from '@app/needs';
import { Product, PRODUCTS_INDEX } from '@app/products';
import { WhitelistBatch, WhitelistEntry } from '@app/whitelist';
import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@app/core';
import { EntityManager } from 'typeorm';
import { insertRows } from './bulk-insert';
import { Dataset, ExistingOrganization, generateDataset } from './dataset';

/** The fixed seed of the demo data: every install shows the same marketplace. */
export const DEMO_SEED = 'kejinqiao-demo-2026';
export const DEMO_COUNTS = { enterprises: 200, institutions: 17, products: 60, needs: 300 };

export interface DemoSeedResult {
  created: boolean;
  password: string;
  logins: DemoLogin[];
  /** How the other demo accounts are named, for the one line printed about them. */
  moreAccounts: string;
}

export function demoEmailOf(role: 'enterprise' | 'institution', index: number): string {
  return role === 'enterprise'
    ? `qiye${String(index + 1).padStart(3, '0')}@${DEMO_EMAIL_DOMAIN}`
    : `jigou${String(index + 1).padStart(2, '0')}@${DEMO_EMAIL_DOMAIN}`;
}

/**
 * The whole demo marketplace: the identity demo (admin, commissioner, the printed sign-ins),
 * then about 20 institutions, 200 enterprises, their products and needs and one published
 * whitelist batch, written in one transaction with their outbox rows. Running it twice
 * changes nothing: the demo batch's id (fixed by the seed) marks the data as present.
 */
@Injectable()
export class DemoDataSeeder {
  private readonly logger = new Logger('DemoDataSeeder');

  constructor(
    private readonly identity: DemoSeeder,
    private readonly transactions: TransactionRunner,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async seed(): Promise<DemoSeedResult> {
    let hash: Promise<string> | undefined;
    const passwordHash = () => (hash ??= this.identity.hashDemoPassword());
    const identity = await this.identity.seed(passwordHash);
    const members = await this.identity.members();
    const existing: ExistingOrganization[] = members.map(({ organization, userId }) => ({
      ...organization,
      userId,
    }));
    const dataset = generateDataset({
      seed: DEMO_SEED,
      ...DEMO_COUNTS,
      now: this.clock.now(),
      emailOf: demoEmailOf,
      existing,
    });
    let created = false;
    if (!(await this.present(dataset))) {
      const hashed = await passwordHash();
      created = await this.transactions.run(async (manager) => {
        if (await manager.existsBy(WhitelistBatch, { id: dataset.whitelistBatch.id })) return false;
        await this.write(manager, dataset, hashed);
        return true;
      });
    }
    if (identity.created || created) await this.identity.coverDemoDistricts();
    if (created) {
      this.logger.log(
        `demo data created: ${dataset.organizations.length} organizations, ` +
          `${dataset.products.length} products, ${dataset.needs.length} needs`,
      );
    }
    return {
      created: identity.created || created,
      password: identity.password,
      logins: this.identity.logins(),
      moreAccounts:
        `${demoEmailOf('enterprise', 0)} … ${demoEmailOf('enterprise', DEMO_COUNTS.enterprises - 1)} (enterprises), ` +
        `${demoEmailOf('institution', 0)} … ${demoEmailOf('institution', DEMO_COUNTS.institutions - 1)} (institutions)`,
    };
  }

  private async present(dataset: Dataset): Promise<boolean> {
    return this.transactions.run((manager) =>
      manager.existsBy(WhitelistBatch, { id: dataset.whitelistBatch.id }),
    );
  }

  private async write(
    manager: EntityManager,
    dataset: Dataset,
    passwordHash: string,
  ): Promise<void> {
    await insertRows(manager, Organization, dataset.organizations);
    await insertRows(
      manager,
      User,
      dataset.users.map((user) => ({ ...user, passwordHash })),
    );
    await insertRows(manager, WhitelistBatch, [dataset.whitelistBatch]);
    await insertRows(manager, WhitelistEntry, dataset.whitelistEntries);
    await insertRows(manager, Product, dataset.products);
    await insertRows(manager, Need, dataset.needs);
    // Whitelist status rides on the organizations' documents: the demo enterprises already
    // seeded join the batch too, so they are queued with the new ones.
    await this.outbox.enqueue(manager, ORGANIZATIONS_INDEX, [
      ...dataset.organizations.map((o) => o.id),
      ...dataset.needs.map((n) => n.orgId),
    ]);
    await this.outbox.enqueue(
      manager,
      PRODUCTS_INDEX,
      dataset.products.filter((p) => p.status === 'published').map((p) => p.id),
    );
    await this.outbox.enqueue(
      manager,
      NEEDS_INDEX,
      dataset.needs.filter((n) => n.status === 'published').map((n) => n.id),
    );
  }
}
