import { Page, Roles } from '@app/core';
import { CurrentUser } from '@app/identity';
import type { AuthUser } from '@app/identity';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MyWhitelistStatus, WhitelistService } from '../whitelist.service';
import { ListEntriesQuery } from './list-entries.query';
import { WhitelistEntryView } from './whitelist-entry.view';

@ApiTags('whitelist')
@ApiBearerAuth()
@Controller('whitelist')
export class WhitelistEntriesController {
  constructor(private readonly whitelist: WhitelistService) {}

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
}
