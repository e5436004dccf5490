import { Clock, type TypedConfigService } from '@app/core';
import type { Principal } from './auth-user';
import { PRINCIPAL_CACHE_ENTRIES, PrincipalCache } from './principal-cache';

const TTL_MS = 5_000;

function cacheWith(ttlMs: number): { cache: PrincipalCache; clock: Clock } {
  const clock = new Clock();
  // The entry's last millisecond is checked: only advance() moves time here.
  clock.freeze();
  const config = { get: () => ttlMs } as unknown as TypedConfigService;
  return { cache: new PrincipalCache(clock, config), clock };
}

function caller(id: string, orgId = 'org-1'): Principal {
  return {
    user: {
      id,
      orgId,
      orgKind: 'enterprise',
      orgStatus: 'verified',
      role: 'enterprise',
      name: '张三',
      email: `${id}@example.com`,
    },
    tokenGeneration: 0,
  };
}

describe(PrincipalCache.name, () => {
  it('should keep a caller until its time runs out, and not a moment longer', () => {
    const { cache, clock } = cacheWith(TTL_MS);
    cache.remember(caller('u1'), cache.version);
    clock.advance(TTL_MS - 1);
    expect(cache.get('u1')).toEqual(caller('u1'));
    clock.advance(1);
    expect(cache.get('u1')).toBeUndefined();
  });

  it('should start the time again when a caller is read anew', () => {
    const { cache, clock } = cacheWith(TTL_MS);
    cache.remember(caller('u1'), cache.version);
    clock.advance(TTL_MS - 1);
    cache.remember({ ...caller('u1'), tokenGeneration: 1 }, cache.version);
    clock.advance(TTL_MS - 1);
    expect(cache.get('u1')?.tokenGeneration).toBe(1);
  });

  it('should keep nothing with a time of 0', () => {
    const { cache } = cacheWith(0);
    cache.remember(caller('u1'), cache.version);
    expect(cache.get('u1')).toBeUndefined();
  });

  it('should hand out copies, so one request cannot change what another sees', () => {
    const { cache } = cacheWith(TTL_MS);
    const original = caller('u1');
    cache.remember(original, cache.version);
    original.user.role = 'admin';
    const first = cache.get('u1')!;
    first.user.orgStatus = 'suspended';
    expect(cache.get('u1')).toEqual(caller('u1'));
  });

  it('should forget one user, and every user of one organization', () => {
    const { cache } = cacheWith(TTL_MS);
    cache.remember(caller('a1', 'org-a'), cache.version);
    cache.remember(caller('a2', 'org-a'), cache.version);
    cache.remember(caller('b1', 'org-b'), cache.version);
    cache.forgetUser('b1');
    expect(cache.get('b1')).toBeUndefined();
    expect(cache.get('a1')).toBeDefined();
    cache.remember(caller('b1', 'org-b'), cache.version);
    cache.forgetOrganization('org-a');
    expect(cache.get('a1')).toBeUndefined();
    expect(cache.get('a2')).toBeUndefined();
    expect(cache.get('b1')).toBeDefined();
  });

  it('should not keep a caller read before a forgetting that came while it was read', () => {
    const { cache } = cacheWith(TTL_MS);
    const before = cache.version;
    // An admin suspends the user while the request's read of it is under way.
    cache.forgetUser('u1');
    cache.remember(caller('u1'), before);
    expect(cache.get('u1')).toBeUndefined();
    cache.remember(caller('u1'), cache.version);
    expect(cache.get('u1')).toBeDefined();
  });

  it('should make room by dropping the caller read longest ago', () => {
    const { cache } = cacheWith(TTL_MS);
    for (let i = 0; i < PRINCIPAL_CACHE_ENTRIES; i++)
      cache.remember(caller(`u${i}`), cache.version);
    cache.remember(caller('u0'), cache.version);
    cache.remember(caller('newcomer'), cache.version);
    expect(cache.get('newcomer')).toBeDefined();
    // u0 was read again, so u1 was the oldest.
    expect(cache.get('u0')).toBeDefined();
    expect(cache.get('u1')).toBeUndefined();
    expect(cache.get('u2')).toBeDefined();
  });
});
