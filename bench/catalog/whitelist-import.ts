import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { call, uploadFile } from '../shared/http-client';
import { LiveHeapSampler, liveHeap, RssSampler, settledRss } from './rss-sampler';

const IMPORT_TIMEOUT_MS = 120_000;

export interface ImportFigures {
  rows: number;
  seconds: number;
  rssBefore: number;
  rssPeak: number;
  liveBefore: number;
  livePeak: number;
}

interface ImportReport {
  imported: number;
  rejected: number;
  errors: unknown[];
}

/**
 * Imports a file into a new draft batch through the api and samples the process's RSS while
 * it runs. Every row must be imported: a rejected row means the bench's file is wrong.
 */
export async function importFile(
  base: string,
  admin: string,
  path: string,
  expectedRows: number,
): Promise<ImportFigures> {
  const batch = await call<{ id: string }>(base, 'POST', '/api/v1/whitelist/batches', {
    token: admin,
    body: { year: 2026, name: `2026年压测白名单${randomBytes(3).toString('hex')}` },
  });
  const rssBefore = await settledRss();
  const liveBefore = liveHeap();
  const sampler = new RssSampler();
  const live = new LiveHeapSampler();
  sampler.start();
  live.start();
  const started = performance.now();
  let rssPeak: number;
  let livePeak: number;
  let response: Awaited<ReturnType<typeof uploadFile<ImportReport>>>;
  try {
    response = await uploadFile<ImportReport>(
      `${base}/api/v1/whitelist/batches/${batch.id}/import`,
      admin,
      path,
      IMPORT_TIMEOUT_MS,
    );
  } finally {
    // Stopped either way: a running interval would keep the process alive.
    rssPeak = sampler.stop();
    livePeak = live.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const report = response.body;
  if (response.status !== 200) {
    throw new Error(`import answered ${response.status}: ${JSON.stringify(report).slice(0, 500)}`);
  }
  if (report.imported !== expectedRows || report.rejected !== 0) {
    throw new Error(
      `import of ${path}: ${report.imported} imported, ${report.rejected} rejected ` +
        `(expected ${expectedRows}): ${JSON.stringify(report.errors.slice(0, 3))}`,
    );
  }
  return { rows: expectedRows, seconds, rssBefore, rssPeak, liveBefore, livePeak };
}
