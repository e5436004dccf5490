import { AsyncLocalStorage } from 'node:async_hooks';
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
  /** Callbacks to run once the transaction around the current async context commits. */
  private readonly afterCommitScope = new AsyncLocalStorage<(() => void)[]>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serial = dataSource.options.type !== 'mysql';
  }

  get isMysql(): boolean {
    return !this.serial;
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const callbacks: (() => void)[] = [];
    const transact = () =>
      this.afterCommitScope.run(callbacks, () => this.dataSource.transaction(work));
    const committed = this.serial ? this.tail.then(transact) : transact();
    if (this.serial) this.tail = committed.catch(() => undefined);
    return committed.then((value) => {
      for (const callback of callbacks) callback();
      return value;
    });
  }

  /**
   * Runs `callback` after the transaction this code runs in commits (never if it rolls back),
   * or at once outside any transaction.
   */
  afterCommit(callback: () => void): void {
    const callbacks = this.afterCommitScope.getStore();
    if (callbacks) callbacks.push(callback);
    else callback();
  }
}
