import { Clock, csvChunks } from '@app/core';
import type { CsvValue, Qualification, WhitelistEntryStatus } from '@app/core';
import { rawColumn } from '@app/database';
import type { AuthUser } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { chinaDate } from '../china-date';
import {
  entriesCsvDisposition,
  ENTRIES_CSV_HEADER,
  entryCsvCells,
  type EntryCsvRow,
} from './entries-csv';
import { EntryFilters, visibleEntries } from './visible-entries';
import { WhitelistEntry } from './whitelist-entry.entity';

/** Entries read per query: a few hundred KB of CSV, and a short query each time. */
export const EXPORT_BATCH_ROWS = 1000;

export interface CsvDownload {
  disposition: string;
  chunks: AsyncIterable<string>;
}

/** An entry as plain columns, with the key the next query starts after. */
interface RawEntryRow {
  creditCode: string;
  batchId: string;
  enterpriseName: string;
  qualifications: string;
  validFrom: Date | string;
  validTo: Date | string;
  status: WhitelistEntryStatus;
  batchName: string | null;
}

@Injectable()
export class WhitelistExportService {
  constructor(
    @InjectRepository(WhitelistEntry) private readonly entries: Repository<WhitelistEntry>,
    private readonly clock: Clock,
  ) {}

  /**
   * GET /whitelist/entries.csv: every entry that GET /whitelist/entries would page through for
   * the caller under the same filters, in the same order. The first rows are read before the
   * answer starts, so a failing database still gets an error envelope; the rest is read while
   * the client takes the file, one keyset query at a time (credit code, then batch: the list's
   * order, unique), so no query holds a connection for the whole download and neither the
   * entries nor the file are ever in memory whole.
   */
  async entriesCsv(user: AuthUser, filters: EntryFilters): Promise<CsvDownload> {
    const first = await this.rowsAfter(user, filters, null);
    return {
      disposition: entriesCsvDisposition(chinaDate(this.clock.now())),
      chunks: csvChunks(ENTRIES_CSV_HEADER, this.batchesFrom(user, filters, first)),
    };
  }

  private async *batchesFrom(
    user: AuthUser,
    filters: EntryFilters,
    first: RawEntryRow[],
  ): AsyncGenerator<CsvValue[][]> {
    let rows = first;
    for (;;) {
      yield rows.map((row) => entryCsvCells(csvRowOf(row)));
      if (rows.length < EXPORT_BATCH_ROWS) return;
      rows = await this.rowsAfter(user, filters, rows[rows.length - 1]);
    }
  }

  private rowsAfter(
    user: AuthUser,
    filters: EntryFilters,
    last: RawEntryRow | null,
  ): Promise<RawEntryRow[]> {
    const qb = visibleEntries(this.entries, user, filters)
      .select('e.credit_code', 'creditCode')
      .addSelect('e.batch_id', 'batchId')
      .addSelect('e.enterprise_name', 'enterpriseName')
      .addSelect('e.qualifications', 'qualifications')
      .addSelect('e.valid_from', 'validFrom')
      .addSelect('e.valid_to', 'validTo')
      .addSelect('e.status', 'status')
      .addSelect('b.name', 'batchName')
      .orderBy('e.credit_code', 'ASC')
      .addOrderBy('e.batch_id', 'ASC')
      .limit(EXPORT_BATCH_ROWS);
    if (last) {
      // The first condition alone is one an index range can start from.
      qb.andWhere(
        'e.credit_code >= :afterCode AND ' +
          '(e.credit_code > :afterCode OR e.batch_id > :afterBatch)',
        { afterCode: last.creditCode, afterBatch: last.batchId },
      );
    }
    return qb.getRawMany<RawEntryRow>();
  }
}

function csvRowOf(row: RawEntryRow): EntryCsvRow {
  return {
    creditCode: row.creditCode,
    enterpriseName: row.enterpriseName,
    qualifications: rawColumn.json<Qualification[]>(row.qualifications),
    validFrom: rawColumn.date(row.validFrom),
    validTo: rawColumn.date(row.validTo),
    status: row.status,
    batchName: row.batchName,
  };
}
