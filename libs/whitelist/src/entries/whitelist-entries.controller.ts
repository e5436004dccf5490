import { IdParam, Page, Roles } from '@app/core';
import { CurrentUser } from '@app/identity';
import type { AuthUser } from '@app/identity';
import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MyWhitelistStatus, WhitelistService } from '../whitelist.service';
import { ListEntriesQuery } from './list-entries.query';
import { UpdateEntryStatusDto } from './update-entry-status.dto';
import { WhitelistEntriesService } from './whitelist-entries.service';
import { WhitelistEntryView } from './whitelist-entry.view';

@ApiTags('whitelist')
@ApiBearerAuth()
@Controller('whitelist')
export class WhitelistEntriesController {
  constructor(
    private readonly whitelist: WhitelistService,
    private readonly entries: WhitelistEntriesService,
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
