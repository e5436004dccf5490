import { Readable } from 'node:stream';
import { IdParam, Page, Roles } from '@app/core';
import { CurrentUser } from '@app/identity';
import type { AuthUser } from '@app/identity';
import { Body, Controller, Get, Patch, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { MyWhitelistStatus, WhitelistService } from '../whitelist.service';
import { ExportEntriesQuery } from './export-entries.query';
import { ListEntriesQuery } from './list-entries.query';
import { UpdateEntryStatusDto } from './update-entry-status.dto';
import { WhitelistEntriesService } from './whitelist-entries.service';
import { WhitelistEntryView } from './whitelist-entry.view';
import { WhitelistExportService } from './whitelist-export.service';

@ApiTags('whitelist')
@ApiBearerAuth()
@Controller('whitelist')
export class WhitelistEntriesController {
  constructor(
    private readonly whitelist: WhitelistService,
    private readonly entries: WhitelistEntriesService,
    private readonly exports: WhitelistExportService,
  ) {}

  @Get('entries')
  @ApiOkResponse({
    description:
      'Admins: every entry. Institutions and commissioners: entries of published batches. ' +
      'Enterprises: their own entries of published batches. orgId is the registered ' +
      'organization with the credit code, or null.',
  })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListEntriesQuery,
  ): Promise<Page<WhitelistEntryView>> {
    return this.whitelist.listEntries(user, query);
  }

  @Get('entries.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'Every entry GET /whitelist/entries shows the caller under the same filters, in the same ' +
      'order, as one CSV file (UTF-8 with a BOM, CRLF) to open in Excel: 统一社会信用代码, 企业名称, ' +
      '资质 (labels joined with 、), 有效期起, 有效期止, 状态 (label), 批次 (the batch name). Text ' +
      "that a spreadsheet would run as a formula (starting with = + - @ and the like) is written after a ' " +
      'and stays as typed in the JSON list.',
    content: { 'text/csv': { schema: { type: 'string' } } },
    headers: {
      'Content-Disposition': {
        description:
          'attachment; filename="whitelist-entries-YYYY-MM-DD.csv"; ' +
          "filename*=UTF-8''科技型企业白名单-YYYY-MM-DD.csv (percent-encoded; the day in China)",
        schema: { type: 'string' },
      },
    },
  })
  async csv(
    @CurrentUser() user: AuthUser,
    @Query() query: ExportEntriesQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const download = await this.exports.entriesCsv(user, query);
    response.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(Readable.from(download.chunks), {
      type: 'text/csv; charset=utf-8',
      disposition: download.disposition,
    });
  }

  @Get('me')
  @Roles('enterprise')
  @ApiOkResponse({
    description:
      "The caller's enterprise today (China time): whitelisted when an active entry of a " +
      'published batch is valid today (both ends count), with its qualifications and validity.',
  })
  me(@CurrentUser() user: AuthUser): Promise<MyWhitelistStatus> {
    return this.whitelist.myStatus(user);
  }

  @Patch('entries/:id')
  @Roles('admin')
  @ApiOkResponse({ description: 'The entry with its new status.' })
  setStatus(@IdParam() id: string, @Body() dto: UpdateEntryStatusDto): Promise<WhitelistEntryView> {
    return this.entries.setStatus(id, dto.status);
  }
}
