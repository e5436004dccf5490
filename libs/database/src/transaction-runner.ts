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
  /**
   * Per running transaction (its manager), the callbacks to run once it commits. Kept by
   * manager rather than in an AsyncLocalStorage, whose hooks would tax every promise of the
   * process.
   */
  private readonly afterCommits = new WeakMap<EntityManager, (() => void)[]>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serial = dataSource.options.type !== 'mysql';
  }

  get isMysql(): boolean {
    return !this.serial;
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const callbacks: (() => void)[] = [];
    const transact = () =>
      this.dataSource.transaction(async (manager) => {
        // The embedded driver hands every transaction the same manager: forget it after this one.
        this.afterCommits.set(manager, callbacks);
        try {
          return await work(manager);
        } finally {
          this.afterCommits.delete(manager);
        }
      });
    const committed = this.serial ? this.tail.then(transact) : transact();
    if (this.serial) this.tail = committed.catch(() => undefined);
    return committed.then((value) => {
      for (const callback of callbacks) callback();
      return value;
    });
  }

  /**
   * Runs `callback` after the transaction of `manager` commits (never if it rolls back), or at
   * once when `manager` is not one of a transaction run here.
   */
  afterCommit(manager: EntityManager, callback: () => void): void {
    const callbacks = this.afterCommits.get(manager);
    if (callbacks) callbacks.push(callback);
    else callback();
  }
}
