import { Organization } from '@app/identity';
import { Need, NeedsModule } from '@app/needs';
import { Product } from '@app/products';
import { WhitelistModule } from '@app/whitelist';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MatchEngine } from './match-engine.service';
import { MatchesController } from './matches.controller';
import { NeedMatchesService } from './need-matches.service';
import { ProductMatchesService } from './product-matches.service';
import { WhatIfService } from './what-if.service';

/**
 * The matching engine, both ways: need -> products with near misses, product -> needs, and
 * what-if. It reads needs, products and the whitelist; nothing imports it back.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Organization, Need, Product]), NeedsModule, WhitelistModule],
  controllers: [MatchesController],
  providers: [MatchEngine, NeedMatchesService, ProductMatchesService, WhatIfService],
  exports: [MatchEngine],
})
export class MatchingModule {}
