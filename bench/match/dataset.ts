import { performance } from 'node:perf_hooks';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BenchEnvironment } from '../shared/environment';

export type ScaleName = 'A' | 'B';

export interface Scale {
  name: ScaleName;
  enterprises: number;
  products: number;
  needs: number;
}

export const SCALES: Record<ScaleName, Scale> = {
  A: { name: 'A', enterprises: 20_000, products: 2_000, needs: 100_000 },
  B: { name: 'B', enterprises: 100_000, products: 20_000, needs: 500_000 },
};

/** The generator's seed: the same rows on every run. */
export const BENCH_SEED = 'bench';

export interface Loaded {
  /** Wall time of `migrate` and `gen`, each a fresh process as `npm run` starts it. */
  seconds: number;
  /** The generator's own steps, in milliseconds (rows built, each table, each index). */
  steps: [string, number][];
}

/**
 * Fills a fresh database the way `npm run migration:run` and `npm run gen` do: the worker's
 * commands in child processes, which insert the rows in bulk and rebuild every search index.
 */
export async function loadScale(
  env: BenchEnvironment,
  scale: Scale,
  target: { dbUrl: string; meiliUrl: string; masterKey: string },
): Promise<Loaded> {
  const started = performance.now();
  await env.runCli(['migrate'], target);
  const output = await env.runCli(
    [
      'gen',
      '--enterprises',
      String(scale.enterprises),
      '--needs',
      String(scale.needs),
      '--products',
      String(scale.products),
      '--seed',
      BENCH_SEED,
    ],
    target,
  );
  if (!output.startsWith('Generated ')) throw new Error(`gen did not generate: ${output}`);
  const steps = [...output.matchAll(/^ {2}(\S.*?) +(\d+) ms$/gm)].map(
    ([, step, ms]): [string, number] => [step, Number(ms)],
  );
  return { seconds: (performance.now() - started) / 1000, steps };
}

/**
 * Up to `count` published needs and products of verified organizations, spread over the whole
 * table (ids are random, so the first ones in id order are a fair sample) and the same on
 * every run of a seed.
 */
export async function sampleIds(
  context: INestApplicationContext,
  count: number,
): Promise<{ needs: string[]; products: string[] }> {
  const dataSource = context.get(DataSource);
  const ids = async (table: 'needs' | 'products') => {
    const rows: { id: string }[] = await dataSource.query(
      `SELECT t.id FROM ${table} t JOIN organizations o ON o.id = t.org_id
       WHERE t.status = 'published' AND o.status = 'verified' ORDER BY t.id LIMIT ?`,
      [count],
    );
    return rows.map((row) => row.id);
  };
  return { needs: await ids('needs'), products: await ids('products') };
}
