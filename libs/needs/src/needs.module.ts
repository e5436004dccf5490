import { Clock } from '@app/core';
import { Organization, ORGANIZATIONS_INDEX } from '@app/identity';
import { SearchIndexRegistry } from '@app/search';
import { WhitelistModule, WhitelistService } from '@app/whitelist';
import { Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Need } from './need.entity';
import { NeedExpiryJob } from './need-expiry.job';
import { InProcessNeedExpiry } from './need-expiry.runner';
import { NeedsController } from './needs.controller';
import { NeedsService } from './needs.service';
import { NEEDS_INDEX, needsSearchIndex, publishedNeedIdsOfOrgs } from './needs.search-index';

/** Enterprises' financing needs: rules, views, search (with whitelist status) and expiry. */
@Module({
  imports: [TypeOrmModule.forFeature([Need, Organization]), WhitelistModule],
  controllers: [NeedsController],
  providers: [NeedsService, NeedExpiryJob, InProcessNeedExpiry],
  exports: [NeedsService, NeedExpiryJob],
})
export class NeedsModule implements OnModuleInit {
  constructor(
    private readonly registry: SearchIndexRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly whitelist: WhitelistService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register(
      needsSearchIndex({
        dataSource: this.dataSource,
        whitelist: this.whitelist,
        clock: this.clock,
      }),
    );
    // A need's document carries its enterprise's profile and whitelist status (the whitelist
    // queues the organizations it touches): refresh it when either changes.
    this.registry.registerDependent(ORGANIZATIONS_INDEX, async (orgIds) => [
      { topic: NEEDS_INDEX, ids: await publishedNeedIdsOfOrgs(this.dataSource, orgIds) },
    ]);
  }
}
