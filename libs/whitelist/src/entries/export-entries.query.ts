import { OmitType } from '@nestjs/swagger';
import { ListEntriesQuery } from './list-entries.query';

/** The list's filters without its paging: a download holds every matching entry. */
export class ExportEntriesQuery extends OmitType(ListEntriesQuery, ['page', 'pageSize'] as const) {}
