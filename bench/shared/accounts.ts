import { randomBytes, randomInt } from 'node:crypto';
import { makeCreditCode } from '@app/core';
import { BENCH_ADMIN } from './environment';
import { call } from './http-client';

const PASSWORD = 'Qingdao-Bench-2026';
const BODY_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

interface Session {
  accessToken: string;
  organization: { id: string };
}

/** A random, valid credit code of a Qingdao (3702xx) company. */
export function randomCreditCode(): string {
  let body = '91370212';
  while (body.length < 17) body += BODY_ALPHABET[randomInt(BODY_ALPHABET.length)];
  return makeCreditCode(body);
}

export async function adminToken(base: string): Promise<string> {
  const session = await call<Session>(base, 'POST', '/api/v1/auth/login', {
    body: BENCH_ADMIN,
    expect: 200,
  });
  return session.accessToken;
}

/** Registers an organization, has the admin verify it, and signs in again as verified. */
export async function verifiedMember(
  base: string,
  admin: string,
  kind: 'enterprise' | 'bank',
): Promise<string> {
  const tag = randomBytes(3).toString('hex');
  const email = `${kind}.${tag}@bench.kejinqiao.example`;
  const session = await call<Session>(base, 'POST', '/api/v1/auth/register', {
    body: {
      organization: {
        kind,
        name: kind === 'enterprise' ? `青岛压测科技有限公司${tag}` : `压测银行青岛分行${tag}`,
        creditCode: randomCreditCode(),
        district: 'laoshan',
        industry: kind === 'enterprise' ? 'ai' : undefined,
        qualifications: kind === 'enterprise' ? ['high_tech'] : [],
      },
      user: { name: '压测用户', email, phone: '13912345678', password: PASSWORD },
    },
  });
  await call(base, 'POST', `/api/v1/orgs/${session.organization.id}/verify`, {
    token: admin,
    expect: 200,
  });
  const verified = await call<Session>(base, 'POST', '/api/v1/auth/login', {
    body: { email, password: PASSWORD },
    expect: 200,
  });
  return verified.accessToken;
}
