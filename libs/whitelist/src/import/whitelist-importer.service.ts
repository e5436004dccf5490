import { open } from 'node:fs/promises';
import { AppError, Clock } from '@app/core';
import { isMysql, newId, OutboxService, TransactionRunner } from '@app/database';
import { ORGANIZATIONS_INDEX, Organization } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { batchAllows } from '../batches/batch-status';
import { WhitelistBatch } from '../batches/whitelist-batch.entity';
import { WhitelistEntry } from '../entries/whitelist-entry.entity';
import { contentFits, kindByName } from './file-kind';
import { ColumnMap, FIELD_HEADERS, mapHeader } from './header-columns';
import { ImportReport, ImportReportBuilder } from './import-report';
import { ImportRow, RowProblem, validateRow } from './import-row';
import { csvRows, SourceRow, xlsxRows } from './row-sources';
import { isBlankCell } from './sheet-cell';
import { UnreadableFileError, WorkbookTooLargeError } from './source-errors';
import { detectEncoding, ENCODING_PREFIX_BYTES } from './text-encoding';

/** Rows per write: large enough for speed, small enough to keep memory flat. */
export const IMPORT_CHUNK_ROWS = 500;

/**
 * Rows a file may have besides its header, blank ones included: several times the largest
 * list a city publishes in one batch, and a bound on the work one request can ask for.
 */
export const MAX_IMPORT_ROWS = 50_000;

export interface UploadedImportFile {
  path: string;
  originalname: string;
  size: number;
}

/**
 * Imports a CSV or XLSX into a batch in one transaction: a file that turns out unreadable
 * half-way leaves nothing behind, while rows that fail their checks are reported and skipped.
 * Rows stream from disk and are written in chunks, so memory does not grow with the file.
 *
 * A credit code twice in one file is an error on the later row (not a silent overwrite), so
 * that importing the same file again is always a no-op. Every entry an import writes is stamped
 * with the import and the file row, so a repeat is found in the database, not in a set of all
 * codes held in memory.
 */
@Injectable()
export class WhitelistImporter {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async import(batchId: string, file: UploadedImportFile | undefined): Promise<ImportReport> {
    if (!file) throw new AppError('WHITELIST_FILE_REQUIRED');
    const rows = await this.rowsOf(file);
    return this.transactions.run(async (manager) => {
      const batch = await this.lockBatch(manager, batchId);
      const report = new ImportReportBuilder();
      await this.consume({ manager, batch, importId: newId(), report }, rows);
      return report.build(batch.id);
    });
  }

  private async rowsOf(file: UploadedImportFile): Promise<AsyncGenerator<SourceRow>> {
    const kind = kindByName(file.originalname);
    const head = await readHead(file.path, ENCODING_PREFIX_BYTES);
    if (!kind || !contentFits(kind, head)) throw new AppError('WHITELIST_FILE_TYPE');
    if (kind === 'xlsx') return xlsxRows(file.path);
    return csvRows(file.path, detectEncoding(head, head.length >= file.size).encoding);
  }

  /** Imports wait for one another and for publish/revoke of the same batch. */
  private async lockBatch(manager: EntityManager, id: string): Promise<WhitelistBatch> {
    const query = manager.createQueryBuilder(WhitelistBatch, 'b').where('b.id = :id', { id });
    if (isMysql(manager.connection.options)) query.setLock('pessimistic_write');
    const batch = await query.getOne();
    if (!batch) throw new AppError('WHITELIST_BATCH_NOT_FOUND');
    if (!batchAllows(batch.status, 'import')) {
      throw new AppError('WHITELIST_BATCH_STATUS_CONFLICT', {
        message: `A ${batch.status} batch takes no imports.`,
        details: { status: batch.status },
      });
    }
    return batch;
  }

  private async consume(run: ImportRun, rows: AsyncGenerator<SourceRow>): Promise<void> {
    let columns: ColumnMap | null = null;
    let chunk: NumberedRow[] = [];
    /** First row of each credit code in the chunk; earlier chunks are asked of the database. */
    const chunkRowOf = new Map<string, number>();
    let rowsRead = 0;
    try {
      for await (const { number, cells } of rows) {
        // The header is a row too.
        if (++rowsRead > MAX_IMPORT_ROWS + 1) {
          throw new AppError('WHITELIST_FILE_TOO_MANY_ROWS', {
            details: [
              {
                code: 'too_many_rows',
                message: `more than ${MAX_IMPORT_ROWS} rows besides the header`,
                limit: MAX_IMPORT_ROWS,
              },
            ],
          });
        }
        if (cells.every(isBlankCell)) continue;
        if (!columns) {
          columns = headerColumns(cells);
          continue;
        }
        const result = validateRow(cells, columns);
        if (!result.ok) {
          run.report.reject(number, result.problems);
          continue;
        }
        const first = chunkRowOf.get(result.row.creditCode);
        if (first !== undefined) {
          run.report.reject(number, [repeatOf(first)]);
          continue;
        }
        chunkRowOf.set(result.row.creditCode, number);
        chunk.push({ number, row: result.row });
        if (chunk.length >= IMPORT_CHUNK_ROWS) {
          await this.write(run, chunk);
          chunk = [];
          chunkRowOf.clear();
        }
      }
    } catch (error) {
      if (error instanceof WorkbookTooLargeError) {
        throw new AppError('WHITELIST_WORKBOOK_TOO_LARGE', {
          details: [{ code: 'inflated_too_large', message: error.message, limit: error.limit }],
        });
      }
      if (!(error instanceof UnreadableFileError)) throw error;
      throw new AppError('WHITELIST_FILE_UNREADABLE', {
        message: `The whitelist file cannot be read: ${error.reason}`,
        details: [{ code: 'unreadable', message: error.reason, row: error.row ?? null }],
      });
    }
    if (!columns) throw new AppError('WHITELIST_FILE_EMPTY');
    await this.write(run, chunk);
  }

  /**
   * One chunk: new credit codes are inserted, changed ones updated in place (same id), equal
   * ones keep their content and only take the import's stamp. A code this import already wrote
   * in an earlier chunk is a repeat. When the batch is published, what statusFor answers may
   * have changed for the registered organizations among the changed entries, so they are queued.
   */
  private async write({ manager, batch, importId, report }: ImportRun, rows: NumberedRow[]) {
    if (rows.length === 0) return;
    const existing = await manager.find(WhitelistEntry, {
      where: { batchId: batch.id, creditCode: In(rows.map(({ row }) => row.creditCode)) },
    });
    const byCode = new Map(existing.map((entry) => [entry.creditCode, entry]));
    const now = this.clock.now();
    const writes: Partial<WhitelistEntry>[] = [];
    const changed: string[] = [];
    for (const { number, row } of rows) {
      const current = byCode.get(row.creditCode);
      if (current && current.lastImportId === importId) {
        report.reject(number, [repeatOf(current.lastImportRow ?? 0)]);
        continue;
      }
      const unchanged = current !== undefined && sameContent(current, row);
      if (unchanged) report.unchanged++;
      else if (current) report.updated++;
      else report.imported++;
      if (!unchanged) changed.push(row.creditCode);
      writes.push({
        id: current?.id ?? newId(),
        batchId: batch.id,
        ...row,
        status: current?.status ?? 'active',
        lastImportId: importId,
        lastImportRow: number,
        updatedAt: unchanged ? current.updatedAt : now,
      });
    }
    if (writes.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(WhitelistEntry)
      .values(writes)
      // The defaults it would read back (created_at, updated_at) are not needed: saves a SELECT.
      .updateEntity(false)
      .orUpdate(
        [
          'enterprise_name',
          'qualifications',
          'valid_from',
          'valid_to',
          'last_import_id',
          'last_import_row',
          'updated_at',
        ],
        ['batch_id', 'credit_code'],
      )
      .execute();
    if (batch.status === 'published' && changed.length > 0) {
      const orgs = await manager.find(Organization, {
        select: { id: true },
        where: { creditCode: In(changed) },
      });
      await this.outbox.enqueue(
        manager,
        ORGANIZATIONS_INDEX,
        orgs.map((org) => org.id),
      );
    }
  }
}

interface ImportRun {
  manager: EntityManager;
  batch: WhitelistBatch;
  /** Stamped on every entry this import writes. */
  importId: string;
  report: ImportReportBuilder;
}

interface NumberedRow {
  /** The row in the file, from 1 (the header is a row too). */
  number: number;
  row: ImportRow;
}

function repeatOf(firstRow: number): RowProblem {
  return {
    column: 'creditCode',
    code: 'duplicate_in_file',
    message: `${FIELD_HEADERS.creditCode}: 与第 ${firstRow} 行重复 (same as row ${firstRow})`,
  };
}

function headerColumns(cells: SourceRow['cells']): ColumnMap {
  const header = mapHeader(cells);
  if (header.ok) return header.columns;
  const named = (fields: typeof header.missing) =>
    fields.map((field) => `${FIELD_HEADERS[field]} (${field})`).join(', ');
  if (header.missing.length > 0) {
    throw new AppError('WHITELIST_COLUMNS_MISSING', {
      message: `The whitelist file lacks the columns: ${named(header.missing)}.`,
      details: header.missing.map((field) => ({
        field,
        code: 'missing',
        message: `${FIELD_HEADERS[field]} (${field}) is missing`,
      })),
    });
  }
  throw new AppError('WHITELIST_COLUMNS_DUPLICATE', {
    message: `The whitelist file has these columns more than once: ${named(header.duplicate)}.`,
    details: header.duplicate.map((field) => ({
      field,
      code: 'duplicate',
      message: `${FIELD_HEADERS[field]} (${field}) appears more than once`,
    })),
  });
}

function sameContent(entry: WhitelistEntry, row: ImportRow): boolean {
  return (
    entry.enterpriseName === row.enterpriseName &&
    entry.validFrom === row.validFrom &&
    entry.validTo === row.validTo &&
    entry.qualifications.join(',') === row.qualifications.join(',')
  );
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await file.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
