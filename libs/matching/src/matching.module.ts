import { Organization, User } from '@app/identity';
import { Need, NEEDS_INDEX, NeedsModule } from '@app/needs';
import { NotificationsModule } from '@app/notifications';
import { Product, PRODUCTS_INDEX } from '@app/products';
import { SearchIndexRegistry } from '@app/search';
import { WhitelistModule } from '@app/whitelist';
import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MatchEngine } from './match-engine.service';
import { MatchRecomputer } from './match-recomputer.service';
import { NEED_MATCHES_TOPIC, PRODUCT_MATCHES_TOPIC } from './match-topics';
import { MatchesController } from './matches.controller';
import { NeedMatchesService } from './need-matches.service';
import { ProductMatchesService } from './product-matches.service';
import { StoredMatch } from './stored-match.entity';
import { StoredMatchesController } from './stored-matches.controller';
import { StoredMatchesService } from './stored-matches.service';
import { WhatIfService } from './what-if.service';

/**
 * The matching engine, both ways: need -> products with near misses, product -> needs, and
 * what-if; and the matches the worker stores and notifies about. It reads needs, products and
 * the whitelist; nothing imports it back.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Organization, Product, Need, User, StoredMatch]),
    NeedsModule,
    WhitelistModule,
    NotificationsModule,
  ],
  controllers: [MatchesController, StoredMatchesController],
  providers: [
    MatchEngine,
    NeedMatchesService,
    ProductMatchesService,
    WhatIfService,
    MatchRecomputer,
    StoredMatchesService,
  ],
  exports: [MatchEngine, StoredMatchesService],
})
export class MatchingModule implements OnModuleInit {
  constructor(
    private readonly registry: SearchIndexRegistry,
    private readonly recomputer: MatchRecomputer,
  ) {}

  onModuleInit(): void {
    this.registry.registerHandler(NEED_MATCHES_TOPIC, (ids) => this.recomputer.recomputeNeeds(ids));
    this.registry.registerHandler(PRODUCT_MATCHES_TOPIC, (ids) =>
      this.recomputer.recomputeProducts(ids),
    );
    // Once a need's or a product's document is in the index (whatever changed it: an edit, a
    // status move, its organization, the whitelist), its stored matches are recomputed.
    this.registry.registerDependent(NEEDS_INDEX, (ids) =>
      Promise.resolve([{ topic: NEED_MATCHES_TOPIC, ids }]),
    );
    this.registry.registerDependent(PRODUCTS_INDEX, (ids) =>
      Promise.resolve([{ topic: PRODUCT_MATCHES_TOPIC, ids }]),
    );
  }
}
