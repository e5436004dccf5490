import { createHash } from 'node:crypto';
import {
  DISTRICT_CODES,
  FUNDING_TYPE_CODES,
  GUARANTEE_CODES,
  INDUSTRY_CODES,
  isValidCreditCode,
  NEED_PURPOSE_CODES,
  PRODUCT_KIND_CODES,
  QUALIFICATION_CODES,
} from '@app/core';
import { DatasetOptions, generateDataset } from './dataset';

const NOW = new Date('2026-03-01T08:00:00Z');

function options(overrides: Partial<DatasetOptions> = {}): DatasetOptions {
  return {
    seed: 'spec',
    enterprises: 300,
    institutions: 15,
    products: 120,
    needs: 500,
    now: NOW,
    emailOf: (role, i) => `${role}${i}@spec.example`,
    ...overrides,
  };
}

const checksum = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe(generateDataset.name, () => {
  const dataset = generateDataset(options());

  it('should make exactly the rows asked for', () => {
    expect(dataset.organizations).toHaveLength(315);
    expect(dataset.users).toHaveLength(315);
    expect(dataset.products).toHaveLength(120);
    expect(dataset.needs).toHaveLength(500);
  });

  it('should give the same rows for the same seed and others for another seed', () => {
    expect(checksum(generateDataset(options()))).toBe(checksum(dataset));
    expect(checksum(generateDataset(options({ seed: 'other' })))).not.toBe(checksum(dataset));
  });

  it('should keep enterprises as they were when more needs are asked for', () => {
    const more = generateDataset(options({ needs: 900 }));
    expect(checksum(more.organizations)).toBe(checksum(dataset.organizations));
  });

  it('should make unique, valid credit codes, ids and emails', () => {
    const codes = dataset.organizations.map((o) => o.creditCode!);
    expect(codes.every(isValidCreditCode)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    const ids = [...dataset.organizations, ...dataset.users, ...dataset.needs, ...dataset.products];
    expect(new Set(ids.map((r) => r.id)).size).toBe(ids.length);
    expect(new Set(dataset.users.map((u) => u.email)).size).toBe(dataset.users.length);
  });

  it('should keep other seeds’ credit codes apart', () => {
    const other = generateDataset(options({ seed: 'other' }));
    const mine = new Set(dataset.organizations.map((o) => o.creditCode));
    expect(other.organizations.filter((o) => mine.has(o.creditCode))).toEqual([]);
  });

  it('should use only vocabulary codes and cover every district', () => {
    const enterprises = dataset.organizations.filter((o) => o.kind === 'enterprise');
    expect(new Set(enterprises.map((o) => o.district))).toEqual(new Set(DISTRICT_CODES));
    for (const org of enterprises) {
      expect(INDUSTRY_CODES).toContain(org.industry);
      for (const q of org.qualifications) expect(QUALIFICATION_CODES).toContain(q);
    }
    for (const need of dataset.needs) {
      expect(NEED_PURPOSE_CODES).toContain(need.purpose);
      for (const f of need.fundingTypes) expect(FUNDING_TYPE_CODES).toContain(f);
      for (const g of need.guarantees) expect(GUARANTEE_CODES).toContain(g);
    }
    expect(new Set(dataset.products.map((p) => p.kind)).size).toBe(PRODUCT_KIND_CODES.length);
  });

  it('should keep needs within the API rules', () => {
    const today = NOW.toISOString().slice(0, 10);
    for (const need of dataset.needs) {
      expect(need.amount).toBeGreaterThanOrEqual(10_000);
      expect(need.amount).toBeLessThanOrEqual(100_000_000_000);
      expect(need.termMonths).toBeGreaterThanOrEqual(1);
      expect(need.termMonths).toBeLessThanOrEqual(360);
      expect(need.maxRateBps).toBeLessThanOrEqual(3600);
      expect(need.fundingTypes.length).toBeGreaterThan(0);
      expect(need.guarantees.length).toBeGreaterThan(0);
      expect([...need.title].length).toBeLessThanOrEqual(100);
      expect(need.fundBy > today).toBe(true);
      expect(need.publishedAt === null).toBe(need.status === 'draft');
    }
    const statuses = new Set(dataset.needs.map((n) => n.status));
    expect(statuses).toEqual(new Set(['published', 'draft', 'withdrawn']));
  });

  it('should keep product ranges ordered and some products for whitelisted enterprises only', () => {
    for (const p of dataset.products) {
      expect(p.amountMin).toBeLessThanOrEqual(p.amountMax);
      expect(p.termMinMonths).toBeLessThanOrEqual(p.termMaxMonths);
      expect(p.rateMinBps).toBeLessThanOrEqual(p.rateMaxBps);
      expect(p.guarantees.length).toBeGreaterThan(0);
    }
    expect(dataset.products.some((p) => p.requiresWhitelist)).toBe(true);
  });

  it('should put a good share of the enterprises on the published batch', () => {
    expect(dataset.whitelistBatch.status).toBe('published');
    const share = dataset.whitelistEntries.length / 300;
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.85);
  });
});
