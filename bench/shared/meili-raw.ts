import { setTimeout as sleep } from 'node:timers/promises';

const TASK_TIMEOUT_MS = 30_000;

/**
 * Meilisearch spoken to directly, for the baseline: the same server the api uses, without the
 * api, the database or the outbox in between.
 */
export class RawMeilisearch {
  constructor(
    private readonly url: string,
    private readonly masterKey: string,
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.masterKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`Meilisearch ${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  async waitTask(taskUid: number): Promise<void> {
    const deadline = Date.now() + TASK_TIMEOUT_MS;
    for (;;) {
      const task = await this.request<{ status: string; error?: unknown }>(
        'GET',
        `/tasks/${taskUid}`,
      );
      if (task.status === 'succeeded') return;
      if (task.status === 'failed' || task.status === 'canceled') {
        throw new Error(
          `Meilisearch task ${taskUid} ${task.status}: ${JSON.stringify(task.error)}`,
        );
      }
      if (Date.now() > deadline) throw new Error(`Meilisearch task ${taskUid} did not finish`);
      await sleep(20);
    }
  }

  /** A scratch index with exactly the settings the live index has. */
  async cloneIndexSettings(liveUid: string, scratchUid: string): Promise<void> {
    const settings = await this.request<Record<string, unknown>>(
      'GET',
      `/indexes/${liveUid}/settings`,
    );
    const created = await this.request<{ taskUid: number }>('POST', '/indexes', {
      uid: scratchUid,
      primaryKey: 'id',
    });
    await this.waitTask(created.taskUid);
    const updated = await this.request<{ taskUid: number }>(
      'PATCH',
      `/indexes/${scratchUid}/settings`,
      settings,
    );
    await this.waitTask(updated.taskUid);
  }

  document<T>(uid: string, id: string): Promise<T> {
    return this.request<T>('GET', `/indexes/${uid}/documents/${id}`);
  }

  async addDocument(uid: string, document: Record<string, unknown>): Promise<void> {
    await this.request('POST', `/indexes/${uid}/documents`, [document]);
  }

  async finds(uid: string, q: string, id: string): Promise<boolean> {
    const result = await this.request<{ hits: { id: string }[] }>(
      'POST',
      `/indexes/${uid}/search`,
      { q, attributesToRetrieve: ['id'], limit: 20 },
    );
    return result.hits.some((hit) => hit.id === id);
  }
}
