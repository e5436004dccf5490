import { Clock, INSTITUTION_KINDS } from '@app/core';
import { DockingSession } from '@app/docking';
import { Event } from '@app/events';
import { Organization } from '@app/identity';
import { Need } from '@app/needs';
import { Product } from '@app/products';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, MoreThan, Not, Repository } from 'typeorm';
import { PublicStatsView } from './public-stats.view';

/**
 * Every visit to the portal's landing page asks for these, anonymously, and a count over all
 * needs grows with the platform: each instance counts at most once a minute.
 */
const FRESH_MS = 60_000;

@Injectable()
export class PublicStatsService {
  private counted: { at: number; view: Promise<PublicStatsView> } | null = null;

  constructor(
    @InjectRepository(Organization) private readonly orgs: Repository<Organization>,
    @InjectRepository(Product) private readonly products: Repository<Product>,
    @InjectRepository(Need) private readonly needs: Repository<Need>,
    @InjectRepository(DockingSession) private readonly sessions: Repository<DockingSession>,
    @InjectRepository(Event) private readonly events: Repository<Event>,
    private readonly clock: Clock,
  ) {}

  publicStats(): Promise<PublicStatsView> {
    const now = this.clock.now();
    if (!this.counted || now.getTime() - this.counted.at >= FRESH_MS) {
      const view = this.count(now);
      this.counted = { at: now.getTime(), view };
      // A failed count is not kept: the next request tries again.
      void view.catch(() => {
        if (this.counted?.view === view) this.counted = null;
      });
    }
    return this.counted.view;
  }

  private async count(now: Date): Promise<PublicStatsView> {
    const [productsListed, institutions, enterprises, needsPublished, needsServed, upcoming] =
      await Promise.all([
        // Listed as the catalog lists: published, by an institution that is not suspended.
        this.products
          .createQueryBuilder('product')
          .innerJoin(Organization, 'org', 'org.id = product.orgId')
          .where('product.status = :published', { published: 'published' })
          .andWhere('org.status != :suspended', { suspended: 'suspended' })
          .getCount(),
        this.orgs.countBy({ kind: In([...INSTITUTION_KINDS]), status: 'verified' }),
        this.orgs.countBy({ kind: 'enterprise', status: 'verified' }),
        this.needs.countBy({ publishedAt: Not(IsNull()) }),
        this.sessions
          .createQueryBuilder('session')
          .select('COUNT(DISTINCT session.needId)', 'needs')
          .getRawOne<{ needs: string | number }>(),
        this.events.countBy({ status: 'published', startsAt: MoreThan(now) }),
      ]);
    return {
      productsListed,
      institutions,
      enterprises,
      needsPublished,
      needsServed: Number(needsServed?.needs ?? 0),
      upcomingEvents: upcoming,
      countedAt: now.toISOString(),
    };
  }
}
