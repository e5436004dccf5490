import { Clock, MATCH_STATUS_CODES, pageOf, skipOf } from '@app/core';
import type { MatchStatus, Page } from '@app/core';
import { DockingSession } from '@app/docking';
import type { AuthUser } from '@app/identity';
import { Organization } from '@app/identity';
import { StoredMatch } from '@app/matching';
import { Need } from '@app/needs';
import { Product } from '@app/products';
import { chinaDate, WhitelistService } from '@app/whitelist';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { bySessionUrgency, sessionRank } from './portfolio-order';
import { PortfolioQuery } from './portfolio.query';
import { PortfolioEntry } from './portfolio.view';
import { ServiceLog } from './service-log.entity';

/** How much of each enterprise the portfolio shows; the full lists are a click away. */
const NEEDS_SHOWN = 20;
const SESSIONS_SHOWN = 20;
const TOP_MATCHES = 3;

/**
 * A commissioner's portfolio: the enterprises assigned to it (organizations.commissioner_id),
 * each with its needs, its stored matches, its docking sessions (overdue first), its whitelist
 * standing and the last time anyone logged a service to it. Read a page at a time, with one
 * grouped read per kind of thing.
 */
@Injectable()
export class PortfolioService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly whitelist: WhitelistService,
    private readonly clock: Clock,
  ) {}

  async portfolio(user: AuthUser, query: PortfolioQuery): Promise<Page<PortfolioEntry>> {
    const rows = this.dataSource
      .getRepository(Organization)
      .createQueryBuilder('o')
      .where('o.kind = :kind', { kind: 'enterprise' })
      .andWhere('o.commissioner_id = :me', { me: user.id });
    if (query.name) {
      rows.andWhere("o.name LIKE :name ESCAPE '!'", {
        name: `%${query.name.replace(/[!%_]/g, (c) => `!${c}`)}%`,
      });
    }
    const [orgs, total] = await rows
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .skip(skipOf(query))
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(await this.entriesOf(orgs), total, query);
  }

  private async entriesOf(orgs: Organization[]): Promise<PortfolioEntry[]> {
    if (orgs.length === 0) return [];
    const orgIds = orgs.map((org) => org.id);
    const now = this.clock.now();
    const [needs, matches, sessions, standing, contacts] = await Promise.all([
      this.dataSource.getRepository(Need).find({
        where: { orgId: In(orgIds) },
        order: { updatedAt: 'DESC', id: 'ASC' },
      }),
      this.dataSource.getRepository(StoredMatch).find({
        where: { needOrgId: In(orgIds) },
        order: { score: 'DESC', id: 'ASC' },
      }),
      this.dataSource.getRepository(DockingSession).findBy({ enterpriseOrgId: In(orgIds) }),
      this.whitelist.statusFor(orgIds, chinaDate(now)),
      this.dataSource
        .getRepository(ServiceLog)
        .createQueryBuilder('l')
        .select('l.enterprise_org_id', 'orgId')
        .addSelect('MAX(l.occurred_on)', 'lastOn')
        .where('l.enterprise_org_id IN (:...orgIds)', { orgIds })
        .groupBy('l.enterprise_org_id')
        .getRawMany<{ orgId: string; lastOn: string | Date | null }>(),
    ]);
    const top = new Map<string, StoredMatch[]>();
    for (const match of matches) {
      const best = top.get(match.needOrgId) ?? [];
      if (match.status !== 'dismissed' && best.length < TOP_MATCHES) best.push(match);
      top.set(match.needOrgId, best);
    }
    const shownSessions = new Map<string, DockingSession[]>();
    for (const orgId of orgIds) {
      shownSessions.set(
        orgId,
        sessions
          .filter((s) => s.enterpriseOrgId === orgId)
          .sort(bySessionUrgency(now))
          .slice(0, SESSIONS_SHOWN),
      );
    }
    const names = await this.namesOf(
      [...top.values()].flat(),
      [...shownSessions.values()].flat(),
      needs,
    );
    const lastContact = new Map(contacts.map((row) => [row.orgId, dayOf(row.lastOn)]));

    return orgs.map((org) => {
      const own = matches.filter((m) => m.needOrgId === org.id);
      const byStatus = Object.fromEntries(MATCH_STATUS_CODES.map((code) => [code, 0])) as Record<
        MatchStatus,
        number
      >;
      for (const match of own) byStatus[match.status] += 1;
      const orgSessions = shownSessions.get(org.id) ?? [];
      const status = standing.get(org.id);
      return {
        enterprise: {
          id: org.id,
          name: org.name,
          district: org.district,
          industry: org.industry,
          qualifications: org.qualifications,
          status: org.status,
          contactName: org.contactName,
          contactPhone: org.contactPhone,
        },
        whitelist: {
          whitelisted: status?.whitelisted ?? false,
          qualifications: status?.qualifications ?? [],
        },
        needs: needs
          .filter((need) => need.orgId === org.id)
          .slice(0, NEEDS_SHOWN)
          .map((need) => ({
            id: need.id,
            title: need.title,
            amount: need.amount,
            termMonths: need.termMonths,
            status: need.status,
            fundBy: need.fundBy,
            publishedAt: need.publishedAt?.toISOString() ?? null,
          })),
        matches: {
          total: own.length,
          byStatus,
          top: (top.get(org.id) ?? []).map((match) => ({
            id: match.id,
            needId: match.needId,
            productId: match.productId,
            productName: names.product.get(match.productId)?.name ?? '',
            institutionName: names.institution(match.productOrgId),
            score: match.score,
            status: match.status,
          })),
        },
        dockingSessions: orgSessions.map((session) => ({
          id: session.id,
          status: session.status,
          overdue: sessionRank(session, now) === 0,
          respondBy: session.respondBy?.toISOString() ?? null,
          need: { id: session.needId, title: names.needTitle(session.needId) },
          product: {
            id: session.productId,
            name: names.product.get(session.productId)?.name ?? '',
          },
          institution: {
            id: session.institutionOrgId,
            name: names.institution(session.institutionOrgId),
          },
          approvedAmount: session.approvedAmount,
          disbursedAmount: session.disbursedAmount,
          updatedAt: session.updatedAt.toISOString(),
        })),
        overdueSessions: sessions.filter(
          (s) => s.enterpriseOrgId === org.id && sessionRank(s, now) === 0,
        ).length,
        lastContactOn: lastContact.get(org.id) ?? null,
      };
    });
  }

  /** Names of the products, institutions and needs shown. */
  private async namesOf(matches: StoredMatch[], sessions: DockingSession[], needs: Need[]) {
    const productIds = [
      ...new Set([...matches.map((m) => m.productId), ...sessions.map((s) => s.productId)]),
    ];
    const institutionIds = [
      ...new Set([
        ...matches.map((m) => m.productOrgId),
        ...sessions.map((s) => s.institutionOrgId),
      ]),
    ];
    const [products, institutions] = await Promise.all([
      productIds.length
        ? this.dataSource.getRepository(Product).find({
            select: { id: true, name: true },
            where: { id: In(productIds) },
          })
        : [],
      institutionIds.length
        ? this.dataSource.getRepository(Organization).find({
            select: { id: true, name: true },
            where: { id: In(institutionIds) },
          })
        : [],
    ]);
    const institutionName = new Map(institutions.map((org) => [org.id, org.name]));
    const needTitle = new Map(needs.map((need) => [need.id, need.title]));
    return {
      product: new Map(products.map((product) => [product.id, product])),
      institution: (id: string) => institutionName.get(id) ?? '',
      needTitle: (id: string) => needTitle.get(id) ?? '',
    };
  }
}

/** MySQL answers a DATE as 'YYYY-MM-DD' here (dateStrings off: a Date at UTC midnight). */
function dayOf(value: string | Date | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}
