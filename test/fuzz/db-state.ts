import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';

/** A checksum of every table of the database: a write anywhere changes at least one. */
export type DbState = ReadonlyMap<string, string>;

/**
 * Reads the checksum of every table of the run's database in one statement, so that a request
 * can be shown to have written nothing: CHECKSUM TABLE covers every row and column, so an
 * update is seen as well as an insert or a delete (row counts would miss updates).
 */
export class DbProbe {
  private constructor(
    private readonly connection: Connection,
    private readonly statement: string,
  ) {}

  static async open(dbUrl = process.env.DB_URL): Promise<DbProbe> {
    if (!dbUrl) throw new Error('DB_URL is not set: run under the e2e global setup');
    const connection = await createConnection({ uri: dbUrl });
    const [rows] = await connection.query<RowDataPacket[]>(
      `SELECT TABLE_NAME AS name FROM information_schema.TABLES
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`,
    );
    const tables = rows.map((row) => `\`${String(row.name)}\``);
    return new DbProbe(connection, `CHECKSUM TABLE ${tables.join(', ')}`);
  }

  async state(): Promise<DbState> {
    const [rows] = await this.connection.query<RowDataPacket[]>(this.statement);
    return new Map(
      rows.map((row) => [String(row.Table).split('.').pop() ?? '', String(row.Checksum)]),
    );
  }

  close(): Promise<void> {
    return this.connection.end();
  }
}

/** The tables whose checksum differs between two states. */
export function changedTables(before: DbState, after: DbState): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}
