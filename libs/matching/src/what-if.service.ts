import { Clock } from '@app/core';
import type { AuthUser } from '@app/identity';
import { Organization } from '@app/identity';
import { changesOf, Product } from '@app/products';
import { chinaDate, WhitelistService } from '@app/whitelist';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Not, Repository } from 'typeorm';
import { MatchEngine } from './match-engine.service';
import type { EnterpriseFacts, MatchContext, ProductFacts } from './match-facts';
import { productFactsOf } from './match-facts.sources';
import { allOf, ELIGIBILITY_RULES, HARD_RULES, type HardRule } from './match-rules';
import { ProductMatchesService } from './product-matches.service';
import type { WhatIfDto } from './what-if.dto';
import type { Reach, WhatIfView } from './what-if.view';

/** Organizations read per query when counting whitelisted enterprises. */
const ORG_CHUNK = 1000;

/**
 * POST /products/:id/what-if: how many more (or fewer) published needs and whitelisted
 * enterprises a change of terms or eligibility would reach, and through which rules. Needs are
 * counted by Meilisearch (exact facet counts); enterprises by the rules' reference predicates
 * over the whitelisted ones, which a city has thousands of, not millions.
 */
@Injectable()
export class WhatIfService {
  constructor(
    private readonly products: ProductMatchesService,
    private readonly engine: MatchEngine,
    private readonly whitelist: WhitelistService,
    @InjectRepository(Organization) private readonly orgs: Repository<Organization>,
    private readonly clock: Clock,
  ) {}

  async whatIf(user: AuthUser, productId: string, dto: WhatIfDto): Promise<WhatIfView> {
    const product = await this.products.readable(user, productId);
    const changed: Product = { ...product, ...changesOf(product, dto) };
    const before = productFactsOf(product);
    const after = productFactsOf(changed);
    const today = chinaDate(this.clock.now());
    const context: MatchContext = { thisYear: Number(today.slice(0, 4)) };
    const touched = HARD_RULES.filter(
      (rule) => rule.needsFilter(before, context) !== rule.needsFilter(after, context),
    );
    const [needs, whitelistedEnterprises] = await Promise.all([
      this.needsReach(before, after, touched, context),
      this.enterprisesReach(before, after, today, context),
    ]);
    return {
      productId: product.id,
      changedRules: touched.map((rule) => ({ code: rule.code, label: rule.label })),
      needs,
      whitelistedEnterprises,
    };
  }

  private async needsReach(
    before: ProductFacts,
    after: ProductFacts,
    touched: readonly HardRule[],
    context: MatchContext,
  ): Promise<Reach> {
    const old = HARD_RULES.map((rule) => rule.needsFilter(before, context));
    const now = HARD_RULES.map((rule) => rule.needsFilter(after, context));
    const oldAll = allOf(old);
    const newAll = allOf(now);
    const filters: (string | null)[] = [
      oldAll,
      newAll,
      butNot(newAll, oldAll),
      butNot(oldAll, newAll),
      ...touched.flatMap((rule) => {
        const index = HARD_RULES.indexOf(rule);
        return [butNot(newAll, old[index]), butNot(oldAll, now[index])];
      }),
    ];
    const counts = await this.engine.countNeeds(filters);
    const [beforeCount, afterCount, gained, lost, ...perRule] = counts;
    return {
      before: beforeCount,
      after: afterCount,
      gained,
      lost,
      byRule: touched.map((rule, i) => ({
        rule: { code: rule.code, label: rule.label },
        gained: perRule[2 * i],
        lost: perRule[2 * i + 1],
      })),
    };
  }

  private async enterprisesReach(
    before: ProductFacts,
    after: ProductFacts,
    today: string,
    context: MatchContext,
  ): Promise<Reach> {
    const enterprises = await this.whitelistedEnterprises(today);
    const touched = ELIGIBILITY_RULES.filter((rule) =>
      enterprises.some((e) => rule.passes(e, before, context) !== rule.passes(e, after, context)),
    );
    const eligible = (e: EnterpriseFacts, p: ProductFacts) =>
      ELIGIBILITY_RULES.every((rule) => rule.passes(e, p, context));
    const reach: Reach = { before: 0, after: 0, gained: 0, lost: 0, byRule: [] };
    const byRule = touched.map((rule) => ({
      rule: { code: rule.code, label: rule.label },
      gained: 0,
      lost: 0,
    }));
    for (const enterprise of enterprises) {
      const was = eligible(enterprise, before);
      const is = eligible(enterprise, after);
      if (was) reach.before++;
      if (is) reach.after++;
      if (is && !was) reach.gained++;
      if (was && !is) reach.lost++;
      touched.forEach((rule, i) => {
        if (is && !rule.passes(enterprise, before, context)) byRule[i].gained++;
        if (was && !rule.passes(enterprise, after, context)) byRule[i].lost++;
      });
    }
    return { ...reach, byRule };
  }

  private async whitelistedEnterprises(today: string): Promise<EnterpriseFacts[]> {
    const statuses = await this.whitelist.whitelistedOrganizations(today);
    const ids = [...statuses.keys()];
    const facts: EnterpriseFacts[] = [];
    for (let start = 0; start < ids.length; start += ORG_CHUNK) {
      const orgs = await this.orgs.findBy({
        id: In(ids.slice(start, start + ORG_CHUNK)),
        kind: 'enterprise',
        status: Not('suspended'),
      });
      for (const org of orgs) {
        const status = statuses.get(org.id);
        if (!status) continue;
        facts.push({
          whitelisted: true,
          qualifications: [...new Set([...org.qualifications, ...status.qualifications])],
          district: org.district,
          industry: org.industry,
          foundedYear: org.foundedOn ? Number(org.foundedOn.slice(0, 4)) : null,
          annualRevenue: org.annualRevenue,
        });
      }
    }
    return facts;
  }
}

/** A filter no document passes (a rule that always holds, negated). */
const NOTHING = 'status = "__none__"';

/** In `wanted` but not in `excluded`; a null `excluded` holds for all, so nothing is left. */
function butNot(wanted: string | null, excluded: string | null): string | null {
  if (excluded === null) return NOTHING;
  return allOf([wanted, `NOT (${excluded})`]);
}
