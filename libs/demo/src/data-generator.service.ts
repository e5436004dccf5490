import { Clock } from '@app/core';
import { TransactionRunner } from '@app/database';
import { DemoSeeder, Organization, ORGANIZATIONS_INDEX, User } from '@app/identity';
import { Need, NEEDS_INDEX } from '@app/needs';
import { Product, PRODUCTS_INDEX } from '@app/products';
import { ReindexResult, ReindexService } from '@app/search';
import { WhitelistBatch, WhitelistEntry } from '@app/whitelist';
import { Injectable } from '@nestjs/common';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { insertRowsInChunks } from './bulk-insert';
import { generateDataset } from './dataset';

export interface GenerateOptions {
  enterprises: number;
  needs: number;
  products: number;
  seed: string;
}

export interface GenerateReport {
  /** False when this seed's rows are in the database already: nothing was written. */
  created: boolean;
  counts: Record<string, number>;
  /** Milliseconds per step: generate, each table, each index rebuilt. */
  timings: Record<string, number>;
  indexes: ReindexResult[];
}

/** One institution for about every 20 products. */
export function institutionsFor(products: number): number {
  return Math.max(1, Math.round(products / 20));
}

/** The email domain of generated accounts; every one signs in with the demo password. */
export const GENERATED_EMAIL_DOMAIN = 'gen.kejinqiao.example';

/**
 * Benchmark data in bulk: the demo seed's vocabulary, any size, the same rows for the same
 * seed. Rows go in with multi-row INSERTs, a transaction per chunk, and no outbox rows: the
 * search indexes are rebuilt once at the end, which is far faster than a document at a time.
 */
@Injectable()
export class DataGenerator {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly reindex: ReindexService,
    private readonly identity: DemoSeeder,
    private readonly clock: Clock,
  ) {}

  async generate(options: GenerateOptions): Promise<GenerateReport> {
    const timings: Record<string, number> = {};
    let started = Date.now();
    const lap = (name: string) => {
      timings[name] = Date.now() - started;
      started = Date.now();
    };
    const tag =
      options.seed
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')
        .slice(0, 24) || 'seed';
    const dataset = generateDataset({
      seed: options.seed,
      enterprises: options.enterprises,
      institutions: institutionsFor(options.products),
      products: options.products,
      needs: options.needs,
      now: this.clock.now(),
      emailOf: (role, index) =>
        `${role === 'enterprise' ? 'e' : 'i'}${index + 1}.${tag}@${GENERATED_EMAIL_DOMAIN}`,
    });
    const counts = {
      organizations: dataset.organizations.length,
      users: dataset.users.length,
      whitelistEntries: dataset.whitelistEntries.length,
      products: dataset.products.length,
      needs: dataset.needs.length,
    };
    lap('generate');
    const present = await this.transactions.run((manager) =>
      manager.existsBy(WhitelistBatch, { id: dataset.whitelistBatch.id }),
    );
    if (present) return { created: false, counts, timings, indexes: [] };

    const passwordHash = await this.identity.hashDemoPassword();
    lap('hash');
    const write = async <T extends ObjectLiteral>(
      name: string,
      entity: EntityTarget<T>,
      rows: readonly object[],
    ) => {
      await insertRowsInChunks(this.transactions, entity, rows);
      lap(name);
    };
    await write('organizations', Organization, dataset.organizations);
    await write(
      'users',
      User,
      dataset.users.map((user) => ({ ...user, passwordHash })),
    );
    await write('products', Product, dataset.products);
    await write('needs', Need, dataset.needs);
    await write('whitelistEntries', WhitelistEntry, dataset.whitelistEntries);
    // The batch last: it marks the data set as complete for the check above.
    await write('whitelistBatch', WhitelistBatch, [dataset.whitelistBatch]);

    const indexes: ReindexResult[] = [];
    for (const name of [ORGANIZATIONS_INDEX, PRODUCTS_INDEX, NEEDS_INDEX]) {
      indexes.push(await this.reindex.reindex(name));
      lap(`index ${name}`);
    }
    return { created: true, counts, timings, indexes };
  }
}
