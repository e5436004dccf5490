import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { OutboxService } from '@app/database';
import type { INestApplication } from '@nestjs/common';
import { verifiedMember } from '../shared/accounts';
import { BENCH_INDEX_PREFIX } from '../shared/environment';
import { call } from '../shared/http-client';
import { RawMeilisearch } from '../shared/meili-raw';

export const SEARCH_POLL_MS = 10;
/** A document not found by then counts as a timeout (and makes the figures fail). */
export const FRESHNESS_TIMEOUT_MS = 10_000;

export interface FreshnessSamples {
  products: (number | null)[];
  rawProducts: (number | null)[];
  needs: (number | null)[];
  rawNeeds: (number | null)[];
}

interface Draft {
  id: string;
  token: string;
}

/** A word no other document has, so that searching it finds exactly one document. */
function uniqueToken(): string {
  return `fresh${randomBytes(5).toString('hex')}`;
}

/**
 * Milliseconds from `start` until `found` answers true, asking every SEARCH_POLL_MS; null when
 * FRESHNESS_TIMEOUT_MS passes first.
 */
async function timeUntilFound(
  start: number,
  found: () => Promise<boolean>,
): Promise<number | null> {
  for (;;) {
    if (await found()) return performance.now() - start;
    if (performance.now() - start > FRESHNESS_TIMEOUT_MS) return null;
    await sleep(SEARCH_POLL_MS);
  }
}

async function waitForOutboxIdle(app: INestApplication): Promise<void> {
  const outbox = app.get(OutboxService);
  const deadline = Date.now() + 30_000;
  while ((await outbox.backlog()).pending > 0) {
    if (Date.now() > deadline) throw new Error('The outbox did not drain within 30 s');
    await sleep(50);
  }
}

/**
 * Publishes products and needs through the api and times until search finds each one, and
 * interleaves the same measurement against raw Meilisearch (a scratch index with the live
 * index's settings), so both see the same moment's load. Drafts are all made first, so that no
 * other outbox work runs while a publish is timed.
 */
export async function measureFreshness(options: {
  base: string;
  app: INestApplication;
  meili: RawMeilisearch;
  admin: string;
  warmup: number;
  runs: number;
  progress: (line: string) => void;
}): Promise<FreshnessSamples> {
  const { base, app, meili, admin, warmup, runs, progress } = options;
  const total = warmup + runs;
  const bank = await verifiedMember(base, admin, 'bank');
  const enterprise = await verifiedMember(base, admin, 'enterprise');
  const institution = await verifiedMember(base, admin, 'bank');

  progress(`creating ${total} draft products and ${total} draft needs`);
  const products: Draft[] = [];
  const needs: Draft[] = [];
  for (let i = 0; i < total; i++) {
    products.push(await createProduct(base, bank));
    needs.push(await createNeed(base, enterprise));
  }
  await waitForOutboxIdle(app);

  const publish = async (path: string, token: string): Promise<number> => {
    await call(base, 'POST', path, { token, expect: 200 });
    return performance.now();
  };
  const apiFindsProduct = (draft: Draft) => async () => {
    const page = await call<{ items: { id: string }[] }>(
      base,
      'GET',
      `/api/v1/products?q=${draft.token}`,
    );
    return page.items.some((item) => item.id === draft.id);
  };
  const apiFindsNeed = (draft: Draft) => async () => {
    const page = await call<{ items: { id: string }[] }>(
      base,
      'GET',
      `/api/v1/needs?q=${draft.token}`,
      {
        token: institution,
      },
    );
    return page.items.some((item) => item.id === draft.id);
  };

  const samples: FreshnessSamples = { products: [], rawProducts: [], needs: [], rawNeeds: [] };
  let raw: { products: Record<string, unknown>; needs: Record<string, unknown> } | undefined;
  const rawUid = { products: `raw_products_${randomBytes(3).toString('hex')}`, needs: '' };
  rawUid.needs = rawUid.products.replace('products', 'needs');
  const rawTime = async (uid: string, template: Record<string, unknown>, templateToken: string) => {
    const token = uniqueToken();
    const id = randomUUID();
    const document = JSON.parse(
      JSON.stringify(template).replaceAll(templateToken, token),
    ) as Record<string, unknown>;
    document.id = id;
    await meili.addDocument(uid, document);
    return timeUntilFound(performance.now(), () => meili.finds(uid, token, id));
  };

  progress(`timing ${warmup} warm-up and ${runs} measured publishes of each kind`);
  for (let i = 0; i < total; i++) {
    const product = products[i];
    const need = needs[i];
    const productTime = await timeUntilFound(
      await publish(`/api/v1/products/${product.id}/publish`, bank),
      apiFindsProduct(product),
    );
    const needTime = await timeUntilFound(
      await publish(`/api/v1/needs/${need.id}/publish`, enterprise),
      apiFindsNeed(need),
    );
    if (!raw) {
      // The first published documents are the templates of the raw ones: same shape and size.
      if (productTime === null || needTime === null) {
        throw new Error(
          'The first publishes never reached search: is the outbox consumer running?',
        );
      }
      await meili.cloneIndexSettings(`${BENCH_INDEX_PREFIX}products`, rawUid.products);
      await meili.cloneIndexSettings(`${BENCH_INDEX_PREFIX}needs`, rawUid.needs);
      raw = {
        products: await meili.document(`${BENCH_INDEX_PREFIX}products`, product.id),
        needs: await meili.document(`${BENCH_INDEX_PREFIX}needs`, need.id),
      };
    }
    const rawProductTime = await rawTime(rawUid.products, raw.products, products[0].token);
    const rawNeedTime = await rawTime(rawUid.needs, raw.needs, needs[0].token);
    if (i >= warmup) {
      samples.products.push(productTime);
      samples.needs.push(needTime);
      samples.rawProducts.push(rawProductTime);
      samples.rawNeeds.push(rawNeedTime);
    }
    if ((i + 1) % 50 === 0) progress(`  ${i + 1}/${total}`);
  }
  return samples;
}

async function createProduct(base: string, token: string): Promise<Draft> {
  const word = uniqueToken();
  const product = await call<{ id: string }>(base, 'POST', '/api/v1/products', {
    token,
    body: {
      name: `科技型企业信用贷 ${word}`,
      kind: 'credit_loan',
      description: '面向科技型中小企业的纯信用贷款，线上申请，最快三天审批。',
      amountMin: 100_000,
      amountMax: 10_000_000,
      termMinMonths: 6,
      termMaxMonths: 36,
      rateMinBps: 350,
      rateMaxBps: 600,
      guarantees: ['credit'],
      fundingTypes: ['loan'],
      eligibility: {
        requiresWhitelist: false,
        qualificationsAny: [],
        districts: [],
        industries: [],
      },
      approvalDays: 7,
    },
  });
  return { id: product.id, token: word };
}

async function createNeed(base: string, token: string): Promise<Draft> {
  const word = uniqueToken();
  const fundBy = new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10);
  const need = await call<{ id: string }>(base, 'POST', '/api/v1/needs', {
    token,
    body: {
      title: `研发中试线建设资金需求 ${word}`,
      description: '用于新一代智能传感器中试线建设与研发投入。',
      amount: 5_000_000,
      termMonths: 24,
      purpose: 'rnd',
      fundingTypes: ['loan'],
      guarantees: ['ip_pledge', 'credit'],
      maxRateBps: 450,
      fundBy,
    },
  });
  return { id: need.id, token: word };
}
