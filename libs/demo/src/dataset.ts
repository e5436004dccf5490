import {
  DISTRICTS,
  GUARANTEE_CODES,
  INSTITUTION_KINDS,
  makeCreditCode,
  QUALIFICATION_CODES,
} from '@app/core';
import type {
  District,
  FundingType,
  Guarantee,
  Industry,
  InstitutionKind,
  NeedStatus,
  ProductStatus,
  Qualification,
  WhitelistEntryStatus,
} from '@app/core';
import type { Organization, User } from '@app/identity';
import type { Need } from '@app/needs';
import type { Product } from '@app/products';
import type { WhitelistBatch, WhitelistEntry } from '@app/whitelist';
import {
  BRAND_SYLLABLES,
  DISTRICT_WEIGHTS,
  ENTERPRISE_SUFFIXES,
  GIVEN_NAMES,
  GUARANTEE_NOTES,
  INDUSTRY_WEIGHTS,
  INDUSTRY_WORDS,
  INSTITUTION_BRANDS,
  INSTITUTION_DESCRIPTIONS,
  INSTITUTION_KIND_WEIGHTS,
  INSTITUTION_NAME_PATTERNS,
  MOBILE_PREFIXES,
  PRODUCT_KIND_WEIGHTS,
  PRODUCT_WORDS,
  PURPOSE_WEIGHTS,
  PURPOSE_WORDS,
  SURNAMES,
} from './demo-corpus';
import { Prng, seedOf } from './prng';

type Stamps = 'createdAt' | 'updatedAt';
export type OrganizationRow = Omit<Organization, Stamps>;
export type UserRow = Omit<User, Stamps | 'passwordHash'>;
export type NeedRow = Omit<Need, Stamps>;
export type ProductRow = Omit<Product, Stamps>;
export type WhitelistBatchRow = Omit<WhitelistBatch, Stamps>;
export type WhitelistEntryRow = Omit<WhitelistEntry, Stamps>;

/** An organization that exists already and should own some of the generated rows. */
export interface ExistingOrganization {
  id: string;
  userId: string;
  kind: Organization['kind'];
  name: string;
  creditCode: string | null;
  district: District | null;
  industry: Industry | null;
  qualifications: Qualification[];
  description: string | null;
  annualRevenue: number | null;
  ipCount: number | null;
}

export interface DatasetOptions {
  seed: string | number;
  enterprises: number;
  institutions: number;
  products: number;
  needs: number;
  /** Dates are drawn relative to this instant, so the same seed and `now` give the same rows. */
  now: Date;
  /** The sign-in email of the user of the index-th generated enterprise or institution. */
  emailOf: (role: 'enterprise' | 'institution', index: number) => string;
  /** Share of the enterprises on the published whitelist batch (0..1), roughly. */
  whitelistShare?: number;
  existing?: ExistingOrganization[];
}

export interface Dataset {
  organizations: OrganizationRow[];
  users: UserRow[];
  products: ProductRow[];
  needs: NeedRow[];
  whitelistBatch: WhitelistBatchRow;
  whitelistEntries: WhitelistEntryRow[];
}

/** What the need and product texts need to know about their owner. */
interface Owner extends ExistingOrganization {
  brand: string;
}

const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const SERIAL_SPACE = 31 ** 5;
const SALT_SPACE = 31 ** 4;
const DAY_MS = 86_400_000;
const ADMIN_CODES = new Map<District, string>(DISTRICTS.map((d) => [d.code, d.adminCode]));

/**
 * Rows for the demo seed and the benchmark generator, from a seed alone: the same options give
 * the same rows, ids included. Each kind of row draws from its own stream, so asking for more
 * needs leaves the enterprises as they were.
 */
export function generateDataset(options: DatasetOptions): Dataset {
  const salt = seedOf(options.seed) % SALT_SPACE;
  const stream = (name: string) => new Prng(seedOf(`${options.seed}:${name}`));
  const today = options.now.toISOString().slice(0, 10);

  const enterprises = makeEnterprises(stream('enterprises'), options, salt, today);
  const institutions = makeInstitutions(stream('institutions'), options, salt);
  const existing = (options.existing ?? []).map((o) => ({ ...o, brand: o.name.slice(2, 4) }));
  const enterpriseOwners = [
    ...existing.filter((o) => o.kind === 'enterprise'),
    ...enterprises.owners,
  ];
  const institutionOwners = [
    ...existing.filter((o) => o.kind !== 'enterprise'),
    ...institutions.owners,
  ];
  const whitelist = makeWhitelist(stream('whitelist'), enterpriseOwners, options, today);
  return {
    organizations: [...enterprises.rows, ...institutions.rows],
    users: [...enterprises.users, ...institutions.users],
    products: makeProducts(stream('products'), institutionOwners, options),
    needs: makeNeeds(stream('needs'), enterpriseOwners, options),
    whitelistBatch: whitelist.batch,
    whitelistEntries: whitelist.entries,
  };
}

/** A valid credit code, unique per (salt, serial): salt keeps datasets of other seeds apart. */
export function generatedCreditCode(district: District, salt: number, serial: number): string {
  let n = salt * SERIAL_SPACE + serial;
  let identifier = '';
  for (let i = 0; i < 9; i++) {
    identifier = CODE_ALPHABET[n % 31] + identifier;
    n = Math.floor(n / 31);
  }
  return makeCreditCode(`91${ADMIN_CODES.get(district)}${identifier}`);
}

function person(rng: Prng): { name: string; phone: string } {
  const phone = `${rng.pick(MOBILE_PREFIXES)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
  return { name: rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES), phone };
}

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

function userOf(rng: Prng, org: OrganizationRow, email: string): UserRow {
  return {
    id: rng.uuid(),
    orgId: org.id,
    role: org.kind === 'enterprise' ? 'enterprise' : 'institution',
    name: org.contactName ?? '联系人',
    email,
    phone: org.contactPhone,
    status: 'active',
    lastLoginAt: null,
    tokenGeneration: 0,
  };
}

function makeEnterprises(rng: Prng, options: DatasetOptions, salt: number, today: string) {
  const rows: OrganizationRow[] = [];
  const users: UserRow[] = [];
  const owners: Owner[] = [];
  const usedNames = new Set<string>();
  const year = Number(today.slice(0, 4));
  for (let i = 0; i < options.enterprises; i++) {
    const district = rng.weighted(DISTRICT_WEIGHTS);
    const industry = rng.weighted(INDUSTRY_WEIGHTS);
    const words = INDUSTRY_WORDS[industry];
    let brand = '';
    let name = '';
    for (let attempt = 0; attempt < 8 && (name === '' || usedNames.has(name)); attempt++) {
      const [a, b] = rng.sample(BRAND_SYLLABLES, 2);
      brand = rng.chance(0.5) ? a + b : b + a;
      const word = rng.pick(words.nameWords);
      const suffix = word.endsWith('科技')
        ? rng.pick(['有限公司', '股份有限公司'])
        : rng.pick(ENTERPRISE_SUFFIXES);
      name = `青岛${brand}${word}${suffix}`;
    }
    usedNames.add(name);
    const founded = rng.int(year - 20, year - 1);
    const age = year - founded;
    const employees = Math.min(3000, Math.round(rng.int(8, 60) * (1 + age / rng.int(3, 8))));
    const annualRevenue = roundTo(employees * rng.int(300_000, 1_300_000), 10_000);
    const rdExpense = roundTo(annualRevenue * (rng.int(3, 25) / 100), 10_000);
    const ipCount = rng.int(1, Math.floor(employees / 3) + 5);
    const qualifications = enterpriseQualifications(rng, age, annualRevenue);
    const contact = person(rng);
    const org: OrganizationRow = {
      id: rng.uuid(),
      kind: 'enterprise',
      name,
      creditCode: generatedCreditCode(district, salt, i),
      district,
      industry,
      qualifications,
      foundedOn: `${founded}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      employees,
      annualRevenue,
      rdExpense,
      ipCount,
      description: `${rng.pick(words.business)}。`,
      contactName: contact.name,
      contactPhone: contact.phone,
      status: 'verified',
      commissionerId: null,
      verifiedAt: new Date(options.now.getTime() - rng.int(1, 365) * DAY_MS),
    };
    const user = userOf(rng, org, options.emailOf('enterprise', i));
    rows.push(org);
    users.push(user);
    owners.push({ ...org, userId: user.id, brand });
  }
  return { rows, users, owners };
}

function enterpriseQualifications(rng: Prng, age: number, revenue: number): Qualification[] {
  const held = new Set<Qualification>();
  if (rng.chance(0.7)) held.add('tech_sme');
  if (age >= 3 && rng.chance(0.5)) held.add('high_tech');
  if (age >= 2 && rng.chance(0.25)) held.add('specialized');
  if (held.has('specialized') && rng.chance(0.25)) held.add('little_giant');
  if (age >= 3 && age <= 10 && rng.chance(0.1)) held.add('gazelle');
  if (revenue >= 100_000_000 && rng.chance(0.4)) held.add('listing_pipeline');
  if (revenue >= 200_000_000 && rng.chance(0.05)) held.add('unicorn');
  return QUALIFICATION_CODES.filter((code) => held.has(code));
}

function makeInstitutions(rng: Prng, options: DatasetOptions, salt: number) {
  const rows: OrganizationRow[] = [];
  const users: UserRow[] = [];
  const owners: Owner[] = [];
  for (let i = 0; i < options.institutions; i++) {
    const kind: InstitutionKind =
      i < INSTITUTION_KINDS.length ? INSTITUTION_KINDS[i] : rng.weighted(INSTITUTION_KIND_WEIGHTS);
    const district = rng.weighted(DISTRICT_WEIGHTS);
    const brand =
      i < INSTITUTION_BRANDS.length ? INSTITUTION_BRANDS[i] : rng.pick(INSTITUTION_BRANDS);
    const districtLabel = DISTRICTS.find((d) => d.code === district)!.label.slice(0, 2);
    const name = rng
      .pick(INSTITUTION_NAME_PATTERNS[kind])
      .replace('{brand}', brand)
      .replace('{district}', districtLabel);
    const contact = person(rng);
    const org: OrganizationRow = {
      id: rng.uuid(),
      kind,
      name,
      creditCode: generatedCreditCode(district, salt, options.enterprises + i),
      district,
      industry: null,
      qualifications: [],
      foundedOn: null,
      employees: null,
      annualRevenue: null,
      rdExpense: null,
      ipCount: null,
      description: INSTITUTION_DESCRIPTIONS[kind],
      contactName: contact.name,
      contactPhone: contact.phone,
      status: 'verified',
      commissionerId: null,
      verifiedAt: new Date(options.now.getTime() - rng.int(1, 365) * DAY_MS),
    };
    const user = userOf(rng, org, options.emailOf('institution', i));
    rows.push(org);
    users.push(user);
    owners.push({ ...org, userId: user.id, brand });
  }
  return { rows, users, owners };
}

function makeWhitelist(
  rng: Prng,
  enterprises: Pick<Owner, 'creditCode' | 'name' | 'qualifications'>[],
  options: DatasetOptions,
  today: string,
): { batch: WhitelistBatchRow; entries: WhitelistEntryRow[] } {
  const year = Number(today.slice(0, 4));
  const batch: WhitelistBatchRow = {
    id: rng.uuid(),
    year,
    name: `${year}年度青岛市科技型企业白名单（第一批）`,
    status: 'published',
    publishedAt: new Date(options.now.getTime() - rng.int(10, 60) * DAY_MS),
    revokedAt: null,
  };
  const share = options.whitelistShare ?? 0.55;
  const entries: WhitelistEntryRow[] = [];
  for (const org of enterprises) {
    if (!org.creditCode) continue;
    // Qualified enterprises are vetted first: the list favours them.
    const qualified = org.qualifications.some((q) => q !== 'tech_sme');
    if (!rng.chance(qualified ? Math.min(1, share * 1.4) : share * 0.6)) continue;
    const status: WhitelistEntryStatus = rng.chance(0.03) ? 'suspended' : 'active';
    entries.push({
      id: rng.uuid(),
      batchId: batch.id,
      creditCode: org.creditCode,
      enterpriseName: org.name,
      qualifications: org.qualifications,
      validFrom: `${year}-01-01`,
      validTo: `${year + 1}-06-30`,
      status,
      lastImportId: null,
      lastImportRow: null,
    });
  }
  return { batch, entries };
}

function fill(template: string, owner: Owner, rng: Prng): string {
  const words = INDUSTRY_WORDS[owner.industry ?? 'other'];
  return template
    .replace('{project}', rng.pick(words.projects))
    .replace(/\{equipment\}/g, rng.pick(words.equipment))
    .replace('{brand}', owner.brand);
}

function makeNeeds(rng: Prng, owners: Owner[], options: DatasetOptions): NeedRow[] {
  const rows: NeedRow[] = [];
  if (owners.length === 0) return rows;
  for (let i = 0; i < options.needs; i++) {
    const owner = rng.pick(owners);
    const purpose = rng.weighted(PURPOSE_WEIGHTS);
    const words = PURPOSE_WORDS[purpose];
    const revenue = owner.annualRevenue ?? rng.int(2, 20) * 1_000_000;
    const share =
      words.revenueShare[0] + rng.next() * (words.revenueShare[1] - words.revenueShare[0]);
    const amount = Math.min(100_000_000, Math.max(100_000, roundTo(revenue * share, 10_000)));
    const termMonths = roundTo(rng.int(words.termMonths[0], words.termMonths[1]), 6) || 6;
    const fundingTypes = needFundingTypes(rng, purpose);
    const guarantees = needGuarantees(rng, purpose, owner);
    const status = rng.weighted<NeedStatus>([
      ['published', 80],
      ['draft', 12],
      ['withdrawn', 8],
    ]);
    const use = fill(rng.pick(words.uses), owner, rng);
    const business = (owner.description ?? '').replace(/。$/, '');
    const description =
      `${owner.name}主要从事${business}。本次融资${use}。` +
      `${guarantees.map((g) => GUARANTEE_NOTES[g]).join('；')}。` +
      `期望融资${amount / 10_000}万元，期限${termMonths}个月。`;
    rows.push({
      id: rng.uuid(),
      orgId: owner.id,
      createdBy: owner.userId,
      title: fill(rng.pick(words.titles), owner, rng),
      description,
      amount,
      termMonths,
      purpose,
      fundingTypes,
      guarantees,
      maxRateBps: rng.int(35, 80) * 10,
      fundBy: new Date(options.now.getTime() + rng.int(45, 270) * DAY_MS)
        .toISOString()
        .slice(0, 10),
      status,
      publishedAt:
        status === 'draft'
          ? null
          : new Date(options.now.getTime() - rng.int(0, 60 * 24) * 3_600_000),
    });
  }
  return rows;
}

function needFundingTypes(rng: Prng, purpose: NeedRow['purpose']): FundingType[] {
  if (purpose === 'other' && rng.chance(0.5)) return ['equity'];
  const types = new Set<FundingType>(['loan']);
  if ((purpose === 'rnd' || purpose === 'tech_transfer') && rng.chance(0.3)) types.add('equity');
  if ((purpose === 'rnd' || purpose === 'expansion') && rng.chance(0.2)) {
    types.add('loan_equity_linked');
  }
  if (purpose === 'equipment' && rng.chance(0.5)) types.add('leasing');
  if (rng.chance(0.15)) types.add('insured_loan');
  if (rng.chance(0.15)) types.add('guarantee');
  return (
    ['loan', 'equity', 'loan_equity_linked', 'insured_loan', 'leasing', 'guarantee'] as const
  ).filter((t) => types.has(t));
}

function needGuarantees(rng: Prng, purpose: NeedRow['purpose'], owner: Owner): Guarantee[] {
  const offered = new Set<Guarantee>();
  if ((owner.annualRevenue ?? 0) >= 20_000_000 || rng.chance(0.4)) offered.add('credit');
  if ((owner.ipCount ?? 0) >= 5 && rng.chance(0.6)) offered.add('ip_pledge');
  if (purpose === 'working_capital' && rng.chance(0.5)) offered.add('receivables');
  if ((purpose === 'expansion' || purpose === 'equipment') && rng.chance(0.4)) {
    offered.add('mortgage');
  }
  if (rng.chance(0.25)) offered.add('guarantor');
  if (rng.chance(0.15)) offered.add('insurance');
  if (rng.chance(0.1)) offered.add('equity_pledge');
  if (offered.size === 0) offered.add('credit');
  return GUARANTEE_CODES.filter((g) => offered.has(g));
}

function makeProducts(rng: Prng, owners: Owner[], options: DatasetOptions): ProductRow[] {
  const rows: ProductRow[] = [];
  if (owners.length === 0) return rows;
  for (let i = 0; i < options.products; i++) {
    const kind = rng.weighted(PRODUCT_KIND_WEIGHTS);
    const words = PRODUCT_WORDS[kind];
    const able = owners.filter((o) => (words.offeredBy as string[]).includes(o.kind));
    const owner = rng.pick(able.length > 0 ? able : owners);
    const amountMin = rng.pick(words.amount[0]);
    const amountMax = Math.max(amountMin, rng.pick(words.amount[1]));
    const termMinMonths = words.term[0];
    const termMaxMonths = Math.max(termMinMonths, words.term[1] - 12 * rng.int(0, 1));
    const rateMinBps = words.rate[1] === 0 ? 0 : words.rate[0] + rng.int(0, 4) * 10;
    const rateMaxBps = Math.max(rateMinBps, words.rate[1] - rng.int(0, 4) * 10);
    const requiresWhitelist = rng.chance(words.whitelistChance);
    const status = rng.weighted<ProductStatus>([
      ['published', 85],
      ['draft', 8],
      ['suspended', 5],
      ['retired', 2],
    ]);
    const limits: string[] = [];
    if (requiresWhitelist) limits.push('仅限科技型企业白名单内企业申请');
    rows.push({
      id: rng.uuid(),
      orgId: owner.id,
      name: `${owner.brand}${rng.pick(words.stems)}`,
      kind,
      description: `${words.description}${limits.map((l) => `${l}。`).join('')}由${owner.name}提供。`,
      amountMin,
      amountMax,
      termMinMonths,
      termMaxMonths,
      rateMinBps,
      rateMaxBps,
      guarantees: words.guarantees,
      fundingTypes: words.fundingTypes,
      requiresWhitelist,
      qualificationsAny: rng.chance(0.4) ? words.qualifications : [],
      districts:
        owner.district && rng.chance(0.15)
          ? [
              owner.district,
              ...rng.sample(
                DISTRICT_WEIGHTS.map(([d]) => d),
                2,
              ),
            ].filter((d, index, all) => all.indexOf(d) === index)
          : [],
      industries: rng.chance(0.2)
        ? rng.sample(
            INDUSTRY_WEIGHTS.map(([code]) => code),
            4,
          )
        : [],
      minYearsFounded: rng.chance(0.4) ? rng.int(1, 3) : null,
      minAnnualRevenue: rng.chance(0.3)
        ? rng.pick([1_000_000, 3_000_000, 5_000_000, 10_000_000])
        : null,
      approvalDays: rng.int(words.approvalDays[0], words.approvalDays[1]),
      status,
      publishedAt:
        status === 'draft' ? null : new Date(options.now.getTime() - rng.int(1, 180) * DAY_MS),
    });
  }
  return rows;
}
