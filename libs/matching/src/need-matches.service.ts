import { AppError, Clock } from '@app/core';
import type { AuthUser } from '@app/identity';
import { chinaDate } from '@app/whitelist';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { mayReadNeedMatches } from './match-access';
import { loadNeedWithEnterprise } from './match-criteria.sql';
import { MatchEngine } from './match-engine.service';
import { settledLater } from './settled-later';
import type { MatchCriteria, NeedFacts } from './match-facts';
import { needFactsOf } from './match-facts.sources';
import { NeedMatchesView, toNeedMatchesView } from './match.view';
import type { MatchesQuery } from './matches.query';

/** GET /needs/:id/matches: products for a need, explained, and the near misses. */
@Injectable()
export class NeedMatchesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: MatchEngine,
    private readonly clock: Clock,
  ) {}

  async matches(user: AuthUser, needId: string, query: MatchesQuery): Promise<NeedMatchesView> {
    // The index's version is read beside the SQL (and before any search); a need not found
    // still answers 404 first.
    const version = settledLater(this.engine.productsVersion());
    const { id, facts, text, context } = await this.criteria(user, needId);
    const result = await this.engine.rememberedProductsFor(
      await version,
      facts,
      text,
      context,
      query.limit,
    );
    return toNeedMatchesView(id, result);
  }

  /** What the engine matches a need on, if the caller may read its matches; else not found. */
  async criteria(user: AuthUser, needId: string): Promise<MatchCriteria<NeedFacts>> {
    const today = chinaDate(this.clock.now());
    // The need with its enterprise and the enterprise's whitelist entries in one round trip.
    const found = await loadNeedWithEnterprise(this.dataSource, needId, today);
    // Another tenant's need is not found, so ids cannot be probed.
    if (!found || !mayReadNeedMatches(user, found.org)) throw new AppError('NEED_NOT_FOUND');
    const { need, org, whitelist } = found;
    return {
      id: need.id,
      facts: needFactsOf(need, org, whitelist),
      text: need.title,
      context: { thisYear: Number(today.slice(0, 4)) },
    };
  }
}
