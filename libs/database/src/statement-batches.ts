import type { TypedConfigService } from '@app/core';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { createPool, type Pool, type PoolConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { TransactionRunner } from './transaction-runner';

/** One statement of a batch: SQL with `?` marks, and their values. */
export interface Statement {
  sql: string;
  values: readonly unknown[];
}

/**
 * For the next transaction only. Its reads inside INSERT … SELECT are then plain consistent
 * reads of what was committed when the statement began, where REPEATABLE READ would lock the
 * ranges they read, gaps included: two such transactions inserting next to each other's ranges
 * deadlock. On the embedded SQLite transactions run one at a time anyway.
 */
const READ_COMMITTED: Statement = {
  sql: 'SET TRANSACTION ISOLATION LEVEL READ COMMITTED',
  values: [],
};

/** Connections of the statement-batch pool: one per concurrent batch its callers run. */
const POOL_SIZE = 4;

/**
 * Sends a few statements to MySQL/MariaDB as one request and reads all their answers from one
 * reply: a short transaction then costs one round trip, and its locks are held only while the
 * server runs it, never while this process is busy elsewhere. Meant for hot paths whose later
 * statements do not need an earlier one's answer in JavaScript (the chat writer's).
 *
 * Its own small pool allows several statements per query; every value still goes through a
 * `?` mark, never into the SQL text. On the embedded SQLite (one process, one connection) the
 * statements simply run one after another, in a transaction when asked.
 */
@Injectable()
export class StatementBatches implements OnApplicationShutdown {
  private readonly url: string | undefined;
  private pool: Pool | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    @Inject(ConfigService) config: TypedConfigService,
  ) {
    this.url = config.get('DB_URL', { infer: true });
  }

  /**
   * Runs the statements in order (in one transaction when `transaction` is set, at READ
   * COMMITTED when it says so) and answers each one's rows, `[]` for a statement that returns
   * none. When one fails the rest do not run, a transaction is rolled back, and the error is
   * thrown.
   */
  async run(
    statements: readonly Statement[],
    { transaction = false }: { transaction?: boolean | 'read committed' } = {},
  ): Promise<unknown[][]> {
    if (!this.transactions.isMysql || !this.url) {
      return this.runInTurn(statements, transaction !== false);
    }
    const connection = await this.connections().getConnection();
    let usable = true;
    try {
      const opening = [
        ...(transaction === 'read committed' ? [READ_COMMITTED] : []),
        { sql: 'START TRANSACTION', values: [] },
      ];
      const all = transaction
        ? [...opening, ...statements, { sql: 'COMMIT', values: [] }]
        : statements;
      const [results] = await connection.query(
        all.map((statement) => statement.sql).join(';\n'),
        all.flatMap((statement) => statement.values),
      );
      // One statement answers its result alone; several answer one result each.
      const each = all.length === 1 ? [results] : (results as unknown[]);
      const rows = each.map((result): unknown[] => (Array.isArray(result) ? result : []));
      return transaction ? rows.slice(opening.length, -1) : rows;
    } catch (error) {
      if (transaction) usable = await rolledBack(connection);
      throw error;
    } finally {
      if (usable) connection.release();
      else connection.destroy();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.end();
  }

  private connections(): Pool {
    if (!this.pool) {
      const url = new URL(this.url!);
      url.protocol = 'mysql:';
      // The same session settings as the main data source (dataSourceOptions).
      this.pool = createPool({
        uri: url.toString(),
        connectionLimit: POOL_SIZE,
        multipleStatements: true,
        charset: 'utf8mb4_unicode_ci',
        timezone: 'Z',
        supportBigNumbers: true,
        bigNumberStrings: false,
      });
    }
    return this.pool;
  }

  private async runInTurn(
    statements: readonly Statement[],
    transaction: boolean,
  ): Promise<unknown[][]> {
    const work = async (run: (sql: string, values: unknown[]) => Promise<unknown>) => {
      const rows: unknown[][] = [];
      for (const { sql, values } of statements) {
        const result = await run(sql, [...values]);
        rows.push(Array.isArray(result) ? result : []);
      }
      return rows;
    };
    if (transaction) {
      return this.transactions.run((manager) => work((sql, values) => manager.query(sql, values)));
    }
    return work((sql, values) => this.dataSource.query(sql, values));
  }
}

/** Ends the failed transaction; false when even that failed and the connection must go. */
async function rolledBack(connection: PoolConnection): Promise<boolean> {
  try {
    await connection.query('ROLLBACK');
    return true;
  } catch {
    return false;
  }
}
