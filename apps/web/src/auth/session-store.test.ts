import { describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError } from '../api/api-error';
import type { Session } from '../api/types';
import { SESSION_STORAGE_KEY, SessionStore, type SessionStoreOptions } from './session-store';

const MINUTE = 60_000;

function session(n: number, expiresIn = 900): Session {
  return {
    accessToken: `access-${n}`,
    refreshToken: `refresh-${n}`,
    tokenType: 'Bearer',
    expiresIn,
    user: { id: 'u1', name: '王海' } as Session['user'],
    organization: { id: 'o1', name: '青岛海湾智能装备有限公司' } as Session['organization'],
  };
}

function refused(code: 'REFRESH_TOKEN_REUSED' | 'TOKEN_REVOKED'): ApiError {
  return new ApiError(401, { code, message: code, details: [] }, null);
}

function setup(overrides: Partial<SessionStoreOptions> = {}) {
  let now = Date.parse('2026-05-20T06:00:00Z');
  const refresh = vi.fn<SessionStoreOptions['refresh']>();
  const logout = vi.fn<SessionStoreOptions['logout']>().mockResolvedValue(undefined);
  const options = { storage: window.localStorage, refresh, logout, now: () => now, ...overrides };
  return {
    sut: new SessionStore(options),
    options: { ...options, refresh, logout },
    wait: (ms: number) => (now += ms),
  };
}

describe(SessionStore.name, () => {
  it('should use the access token as it is while it has time left', async () => {
    const { sut, options, wait } = setup();
    sut.signIn(session(1));
    wait(10 * MINUTE);

    expect(await sut.accessToken()).toBe('access-1');
    expect(options.refresh).not.toHaveBeenCalled();
  });

  it('should renew the access token with the refresh token shortly before it expires', async () => {
    const { sut, options, wait } = setup();
    options.refresh.mockResolvedValue(session(2));
    sut.signIn(session(1));
    wait(14.6 * MINUTE);

    expect(await sut.accessToken()).toBe('access-2');
    expect(options.refresh).toHaveBeenCalledWith('refresh-1');
    expect(sut.current()?.refreshToken).toBe('refresh-2');
  });

  it('should spend a refresh token once however many requests need a token at the same time', async () => {
    const { sut, options, wait } = setup();
    options.refresh.mockResolvedValue(session(2));
    sut.signIn(session(1));
    wait(15 * MINUTE);

    const tokens = await Promise.all([sut.accessToken(), sut.accessToken(), sut.accessToken()]);

    expect(tokens).toEqual(['access-2', 'access-2', 'access-2']);
    expect(options.refresh).toHaveBeenCalledTimes(1);
  });

  it('should not renew short-lived tokens at every request', async () => {
    const { sut, options, wait } = setup();
    sut.signIn(session(1, 30));
    wait(15_000);

    expect(await sut.accessToken()).toBe('access-1');
    expect(options.refresh).not.toHaveBeenCalled();
  });

  it.each(['REFRESH_TOKEN_REUSED', 'TOKEN_REVOKED'] as const)(
    'should sign out and say why when the api answers %s to a refresh',
    async (code) => {
      const { sut, options, wait } = setup();
      options.refresh.mockRejectedValue(refused(code));
      sut.signIn(session(1));
      const listener = vi.fn();
      sut.subscribe(listener);
      wait(15 * MINUTE);

      expect(await sut.accessToken()).toBeNull();
      expect(sut.current()).toBeNull();
      expect(sut.ended()).toBe(code);
      expect(window.localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
      expect(listener).toHaveBeenCalled();
    },
  );

  it('should keep the sign-in when the network is down, and try again at the next request', async () => {
    const { sut, options, wait } = setup();
    options.refresh
      .mockRejectedValueOnce(new NetworkError('offline'))
      .mockResolvedValue(session(2));
    sut.signIn(session(1));
    wait(15 * MINUTE);

    await expect(sut.accessToken()).rejects.toBeInstanceOf(NetworkError);
    expect(sut.current()?.refreshToken).toBe('refresh-1');
    expect(await sut.accessToken()).toBe('access-2');
  });

  it("should take up another tab's renewal instead of spending the same refresh token again", async () => {
    const { sut, options, wait } = setup();
    sut.signIn(session(1));
    wait(15 * MINUTE);
    const otherTab = setup({ now: () => Date.parse('2026-05-20T06:15:00Z') }).sut;
    otherTab.signIn(session(2));

    expect(await sut.accessToken()).toBe('access-2');
    expect(options.refresh).not.toHaveBeenCalled();
  });

  it('should forget the sign-in at once on sign-out, even when the api cannot be told', async () => {
    const { sut, options } = setup();
    options.logout.mockRejectedValue(new NetworkError('offline'));
    sut.signIn(session(1));

    await sut.signOut();

    expect(sut.current()).toBeNull();
    expect(sut.ended()).toBeNull();
    expect(options.logout).toHaveBeenCalledWith('refresh-1');
    expect(new SessionStore(options).current()).toBeNull();
  });

  it('should come back signed in after a reload', () => {
    const { sut, options } = setup();
    sut.signIn(session(1));

    expect(new SessionStore(options).current()?.user.name).toBe('王海');
  });
});
