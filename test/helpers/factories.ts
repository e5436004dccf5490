import { randomBytes, randomInt } from 'node:crypto';
import { makeCreditCode } from '@app/core';
import request from 'supertest';
import type { App } from 'supertest/types';
import { E2E_ADMIN } from './test-app';

const BODY_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const PASSWORD = 'Qingdao-Tech-2026';

/** A fresh, valid credit code of a Qingdao (3702xx) company. */
export function creditCode(): string {
  const district = ['02', '03', '11', '12', '13', '14', '15', '81', '83', '85'][randomInt(10)];
  let body = `913702${district}`;
  while (body.length < 17) body += BODY_ALPHABET[randomInt(BODY_ALPHABET.length)];
  return makeCreditCode(body);
}

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}.${randomBytes(5).toString('hex')}@e2e.kejinqiao.example`;
}

export type Kind = 'enterprise' | 'bank' | 'investor' | 'insurer' | 'guarantor' | 'leasing';

export interface RegisterBody {
  organization: Record<string, unknown>;
  user: Record<string, unknown>;
}

export function registerBody(
  kind: Kind = 'enterprise',
  overrides: Partial<RegisterBody> = {},
): RegisterBody {
  const tag = randomBytes(3).toString('hex');
  return {
    organization: {
      kind,
      name: kind === 'enterprise' ? `青岛测试科技有限公司${tag}` : `测试银行青岛分行${tag}`,
      creditCode: creditCode(),
      district: 'laoshan',
      industry: kind === 'enterprise' ? 'ai' : undefined,
      qualifications: kind === 'enterprise' ? ['high_tech'] : [],
      ...overrides.organization,
    },
    user: {
      name: '测试用户',
      email: uniqueEmail(kind),
      phone: '13912345678',
      password: PASSWORD,
      ...overrides.user,
    },
  };
}

export interface SessionBody {
  accessToken: string;
  refreshToken: string;
  user: { id: string; orgId: string; role: string; email: string };
  organization: { id: string; status: string; kind: string; name: string };
}

export async function register(
  http: App,
  kind: Kind = 'enterprise',
  overrides: Partial<RegisterBody> = {},
): Promise<SessionBody> {
  const response = await request(http)
    .post('/api/v1/auth/register')
    .send(registerBody(kind, overrides));
  if (response.status !== 201)
    throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as SessionBody;
}

export async function login(http: App, email: string, password = PASSWORD): Promise<SessionBody> {
  const response = await request(http).post('/api/v1/auth/login').send({ email, password });
  if (response.status !== 200)
    throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as SessionBody;
}

export function loginAdmin(http: App): Promise<SessionBody> {
  return login(http, E2E_ADMIN.email, E2E_ADMIN.password);
}

export async function verify(http: App, adminToken: string, orgId: string): Promise<void> {
  const response = await request(http)
    .post(`/api/v1/orgs/${orgId}/verify`)
    .auth(adminToken, { type: 'bearer' });
  if (response.status !== 200)
    throw new Error(`verify failed: ${response.status} ${JSON.stringify(response.body)}`);
}

/** A verified organization with a signed-in first user. */
export async function verifiedOrg(
  http: App,
  adminToken: string,
  kind: Kind = 'enterprise',
  overrides: Partial<RegisterBody> = {},
): Promise<SessionBody> {
  const session = await register(http, kind, overrides);
  await verify(http, adminToken, session.organization.id);
  return session;
}

export async function createCommissioner(
  http: App,
  adminToken: string,
): Promise<{ id: string; email: string; token: string }> {
  const email = uniqueEmail('commissioner');
  const response = await request(http)
    .post('/api/v1/users')
    .auth(adminToken, { type: 'bearer' })
    .send({
      role: 'commissioner',
      name: '测试特派员',
      email,
      phone: '13800000000',
      password: PASSWORD,
    });
  if (response.status !== 201)
    throw new Error(
      `create commissioner failed: ${response.status} ${JSON.stringify(response.body)}`,
    );
  const session = await login(http, email);
  return { id: (response.body as { id: string }).id, email, token: session.accessToken };
}

/** YYYY-MM-DD, `days` from today (UTC). */
export function isoDay(days: number, from = new Date()): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A valid need; fundBy half a year ahead, so that no other suite's moved clock expires it. */
export function needBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: `研发中试线建设资金需求 ${randomBytes(3).toString('hex')}`,
    description: '用于新一代智能传感器中试线建设与研发投入。',
    amount: 5_000_000,
    termMonths: 24,
    purpose: 'rnd',
    fundingTypes: ['loan'],
    guarantees: ['ip_pledge', 'credit'],
    maxRateBps: 450,
    fundBy: isoDay(180),
    ...overrides,
  };
}

export interface NeedBody {
  id: string;
  orgId: string;
  status: string;
  [key: string]: unknown;
}

export async function createNeed(
  http: App,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<NeedBody> {
  const response = await request(http)
    .post('/api/v1/needs')
    .auth(token, { type: 'bearer' })
    .send(needBody(overrides));
  if (response.status !== 201)
    throw new Error(`create need failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as NeedBody;
}

/** A need created and published by a member of a verified enterprise. */
export async function publishedNeed(
  http: App,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<NeedBody> {
  const need = await createNeed(http, token, overrides);
  const response = await request(http)
    .post(`/api/v1/needs/${need.id}/publish`)
    .auth(token, { type: 'bearer' });
  if (response.status !== 200)
    throw new Error(`publish need failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as NeedBody;
}

/** A valid product body (a credit loan); `overrides` replace whole fields. */
export function productBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: `科技型企业信用贷${randomBytes(3).toString('hex')}`,
    kind: 'credit_loan',
    description: '面向科技型中小企业的纯信用贷款，线上申请，最快三天审批。',
    amountMin: 100_000,
    amountMax: 10_000_000,
    termMinMonths: 6,
    termMaxMonths: 36,
    rateMinBps: 350,
    rateMaxBps: 600,
    guarantees: ['credit'],
    fundingTypes: ['loan'],
    eligibility: {
      requiresWhitelist: false,
      qualificationsAny: [],
      districts: [],
      industries: [],
    },
    approvalDays: 7,
    ...overrides,
  };
}

export interface ProductBody {
  id: string;
  orgId: string;
  name: string;
  status: string;
  [key: string]: unknown;
}

/** A draft product of the institution behind `token`. */
export async function createProduct(
  http: App,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<ProductBody> {
  const response = await request(http)
    .post('/api/v1/products')
    .auth(token, { type: 'bearer' })
    .send(productBody(overrides));
  if (response.status !== 201)
    throw new Error(`create product failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as ProductBody;
}

/** A published product; the institution behind `token` must be verified. */
export async function publishedProduct(
  http: App,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<ProductBody> {
  const draft = await createProduct(http, token, overrides);
  const response = await request(http)
    .post(`/api/v1/products/${draft.id}/publish`)
    .auth(token, { type: 'bearer' });
  if (response.status !== 200)
    throw new Error(`publish product failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as ProductBody;
}

/**
 * A docking session the enterprise applied for: a fresh need of its own for a fresh product of
 * the institution, in the band of amounts from `base` (500,000 wide), away from other data.
 */
export async function openDockingSession(
  http: App,
  institution: SessionBody,
  enterprise: SessionBody,
  base: number,
): Promise<string> {
  const product = await publishedProduct(
    http,
    institution.accessToken,
    productBody({ amountMin: base, amountMax: base + 500_000 }),
  );
  const need = await publishedNeed(http, enterprise.accessToken, { amount: base + 1_000 });
  const response = await request(http)
    .post('/api/v1/docking-sessions')
    .auth(enterprise.accessToken, { type: 'bearer' })
    .send({ needId: need.id, productId: product.id });
  if (response.status !== 201)
    throw new Error(`apply failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

export interface WhitelistBatchBody {
  id: string;
  year: number;
  name: string;
  status: string;
  entryCount: number;
}

/** A draft whitelist batch with a unique name. */
export async function createWhitelistBatch(
  http: App,
  adminToken: string,
  year = 2026,
): Promise<WhitelistBatchBody> {
  const response = await request(http)
    .post('/api/v1/whitelist/batches')
    .auth(adminToken, { type: 'bearer' })
    .send({ year, name: `${year}年测试白名单${randomBytes(3).toString('hex')}` });
  if (response.status !== 201)
    throw new Error(`create batch failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as WhitelistBatchBody;
}

/** A CSV text from rows of cells, quoting where needed, with Excel's CRLF line ends. */
export function csvText(rows: readonly (readonly string[])[]): string {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return rows.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** Uploads a file from disk to a batch's import endpoint. */
export function importWhitelistFile(
  http: App,
  token: string,
  batchId: string,
  path: string,
): request.Test {
  return request(http)
    .post(`/api/v1/whitelist/batches/${batchId}/import`)
    .auth(token, { type: 'bearer' })
    .attach('file', path);
}
