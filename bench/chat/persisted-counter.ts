import { createConnection } from 'mysql2/promise';

/** Rows in docking_messages (the chat's messages) at the opening and the closing of the measured window. */
export class PersistedCounter {
  private startCount?: Promise<number>;
  private endCount?: Promise<number>;

  private constructor(private readonly connection: Awaited<ReturnType<typeof createConnection>>) {}

  static async open(dbUrl: string): Promise<PersistedCounter> {
    return new PersistedCounter(await createConnection({ uri: dbUrl }));
  }

  /** Counts now, without waiting for the answer (the load goes on meanwhile). */
  mark(edge: 'start' | 'end'): void {
    if (edge === 'start') this.startCount = this.count();
    else this.endCount = this.count();
  }

  /** Rows stored between the two marks. */
  async stored(): Promise<number> {
    if (!this.startCount || !this.endCount) return Number.NaN;
    return (await this.endCount) - (await this.startCount);
  }

  async close(): Promise<void> {
    await this.connection.end();
  }

  /** NaN when the count failed: the run goes on and the figure says so. */
  private async count(): Promise<number> {
    try {
      return await this.query();
    } catch (error) {
      process.stderr.write(`[bench] counting messages failed: ${String(error)}\n`);
      return Number.NaN;
    }
  }

  private async query(): Promise<number> {
    const [rows] = await this.connection.query('SELECT COUNT(*) AS n FROM docking_messages');
    return Number((rows as { n: number | string }[])[0].n);
  }
}
