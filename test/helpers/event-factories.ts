import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '@app/core';
import { User } from '@app/identity';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';

export const HOUR_MS = 3_600_000;

/** An instant `hours` from now (real time), ISO 8601 in UTC. */
export function hoursAhead(hours: number, from = Date.now()): string {
  return new Date(from + hours * HOUR_MS).toISOString();
}

export function tag(): string {
  return randomBytes(4).toString('hex');
}

/**
 * A valid salon ten days ahead with a venue of its own, so that no other suite's events clash
 * with it; `overrides` replace whole fields.
 */
export function eventBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const start = Date.now() + (240 + Math.floor(Math.random() * 200)) * HOUR_MS;
  const id = tag();
  return {
    kind: 'salon',
    title: `科技金融沙龙 ${id}`,
    description: '知识产权质押融资政策解读与银企交流。',
    startsAt: hoursAhead(0, start),
    endsAt: hoursAhead(3, start),
    venue: `崂山区科技金融服务中心 ${id} 号厅`,
    district: 'laoshan',
    capacity: 50,
    audience: 'all',
    ...overrides,
  };
}

export interface EventBody {
  id: string;
  kind: string;
  title: string;
  status: string;
  startsAt: string;
  endsAt: string;
  sequence: number;
  seats: { capacity: number; taken: number; left: number; waitlisted: number; checkedIn: number };
  myRegistration: RegistrationBody | null;
  [key: string]: unknown;
}

export interface RegistrationBody {
  id: string;
  eventId: string;
  status: string;
  waitlistPosition: number | null;
  pitchSlot: number | null;
  checkedInAt: string | null;
  attendee: { userId: string; orgId: string; name: string; orgName: string; role: string };
}

export async function createEvent(
  http: App,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<EventBody> {
  const response = await request(http)
    .post('/api/v1/events')
    .auth(token, { type: 'bearer' })
    .send(eventBody(overrides));
  if (response.status !== 201)
    throw new Error(`create event failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as EventBody;
}

/** A published event of the organizer behind `token`. */
export async function publishedEvent(
  http: App,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<EventBody> {
  const draft = await createEvent(http, token, overrides);
  const response = await request(http)
    .post(`/api/v1/events/${draft.id}/publish`)
    .auth(token, { type: 'bearer' });
  if (response.status !== 200)
    throw new Error(`publish event failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as EventBody;
}

export async function signUp(http: App, token: string, eventId: string): Promise<RegistrationBody> {
  const response = await request(http)
    .post(`/api/v1/events/${eventId}/registrations`)
    .auth(token, { type: 'bearer' });
  if (response.status !== 201)
    throw new Error(`sign-up failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as RegistrationBody;
}

/** Runs `work` over `items`, `width` at a time, keeping the order of the answers. */
export async function inBatches<T, R>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += width) {
    results.push(...(await Promise.all(items.slice(start, start + width).map(work))));
  }
  return results;
}

/**
 * `count` more members of the organization behind `first`, written straight to the database
 * with access tokens signed by the app, so that a test of many simultaneous callers does not
 * spend a minute hashing passwords. They sign in like anyone else (the guard re-reads them).
 */
export async function moreMembers(
  app: INestApplication,
  first: { user: { orgId: string; role: string } },
  count: number,
): Promise<{ accessToken: string; user: { id: string; orgId: string } }[]> {
  const users = Array.from({ length: count }, () => ({
    id: randomUUID(),
    orgId: first.user.orgId,
    role: first.user.role as Role,
    name: `参会人${tag()}`,
    email: `member.${tag()}${tag()}@e2e.kejinqiao.example`,
    phone: null,
    // Never a valid hash: these members cannot sign in with a password.
    passwordHash: 'unusable',
    status: 'active' as const,
  }));
  await app.get(DataSource).getRepository(User).insert(users);
  const jwt = app.get(JwtService, { strict: false });
  return Promise.all(
    users.map(async (user) => ({
      accessToken: await jwt.signAsync({ sub: user.id, org: user.orgId, role: user.role, gen: 0 }),
      user: { id: user.id, orgId: user.orgId },
    })),
  );
}

/**
 * A band of amounts of its own: products span [base, base + 3,000,000] and a need of
 * base + 1,000 fits them. The bases sit 6,000,000 past a multiple of 10,000,000, where the
 * docking suite's products (on the multiples, 5,000,000 wide) never reach.
 */
export function amountBand(): number {
  return 10_000_000_000 + Math.floor(Math.random() * 8_000) * 10_000_000 + 6_000_000;
}
