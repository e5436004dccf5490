import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a unit of work in one database transaction; every write goes through here.
 *
 * On MySQL each transaction takes its own pooled connection. The embedded SQLite driver has a
 * single connection, where two overlapping transactions would nest into one another (and a
 * rollback of one would undo the other), so there they take turns.
 */
@Injectable()
export class TransactionRunner {
  private readonly serial: boolean;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serial = dataSource.options.type !== 'mysql';
  }

  get isMysql(): boolean {
    return !this.serial;
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serial) return this.dataSource.transaction(work);
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }
}
