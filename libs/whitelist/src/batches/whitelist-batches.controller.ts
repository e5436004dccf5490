import { IdParam, Page, Roles } from '@app/core';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { ImportReport } from '../import/import-report';
import { UploadedImportFile, WhitelistImporter } from '../import/whitelist-importer.service';
import { WhitelistUploadInterceptor } from '../import/whitelist-upload.interceptor';
import { CreateBatchDto } from './create-batch.dto';
import { ListBatchesQuery } from './list-batches.query';
import { WhitelistBatchView } from './whitelist-batch.view';
import { WhitelistBatchesService } from './whitelist-batches.service';

@ApiTags('whitelist')
@ApiBearerAuth()
@Roles('admin')
@ApiNotFoundResponse({ description: 'WHITELIST_BATCH_NOT_FOUND' })
@Controller('whitelist/batches')
export class WhitelistBatchesController {
  constructor(
    private readonly batches: WhitelistBatchesService,
    private readonly importer: WhitelistImporter,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Every batch, newest year first, with its entry count.' })
  list(@Query() query: ListBatchesQuery): Promise<Page<WhitelistBatchView>> {
    return this.batches.list(query);
  }

  @Post()
  @ApiCreatedResponse({ description: 'The new batch, a draft.' })
  create(@Body() dto: CreateBatchDto): Promise<WhitelistBatchView> {
    return this.batches.create(dto);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'The batch with its entry count.' })
  get(@IdParam() id: string): Promise<WhitelistBatchView> {
    return this.batches.get(id);
  }

  @Post(':id/import')
  @HttpCode(200)
  @UseInterceptors(WhitelistUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description:
      'A CSV (UTF-8 with or without BOM, or GBK/GB18030) or XLSX of at most 20 MB and 50,000 ' +
      'rows besides the header (an XLSX unpacks to at most 64 MB and 100 times its size). ' +
      'Header row with 统一社会信用代码/creditCode, 企业名称/enterpriseName, 资质/qualifications (codes or ' +
      'Chinese labels, separated by 、 , ; or |), 有效期起/validFrom, 有效期止/validTo (YYYY-MM-DD, ' +
      "YYYY/M/D or Excel dates), each cell on one line (a line break in one, such as Excel's " +
      'Alt+Enter, is an error on its row). Existing credit codes of the batch are updated; a ' +
      'credit code repeated in the file is an error on the later row.',
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiOkResponse({
    description:
      'Counts of imported, updated, unchanged and rejected rows, and each error by row, ' +
      'column and code (the first 1,000; errorCount has them all). 413 WHITELIST_FILE_TOO_LARGE / ' +
      'WHITELIST_FILE_TOO_MANY_ROWS / WHITELIST_WORKBOOK_TOO_LARGE, ' +
      '415 WHITELIST_FILE_TYPE, 400 WHITELIST_FILE_UNREADABLE / WHITELIST_FILE_EMPTY / ' +
      'WHITELIST_COLUMNS_MISSING, 409 for a revoked batch: nothing is written then.',
  })
  import(
    @IdParam() id: string,
    @UploadedFile() file: UploadedImportFile | undefined,
  ): Promise<ImportReport> {
    return this.importer.import(id, file);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Published (from draft): banks see its entries from now on.' })
  publish(@IdParam() id: string): Promise<WhitelistBatchView> {
    return this.batches.move(id, 'publish');
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOkResponse({
    description: 'Revoked (from published), for good: its entries no longer count.',
  })
  revoke(@IdParam() id: string): Promise<WhitelistBatchView> {
    return this.batches.move(id, 'revoke');
  }
}
