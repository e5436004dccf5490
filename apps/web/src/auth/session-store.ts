import { ApiError } from '../api/api-error';
import type { ErrorCode, OrganizationView, Session, UserView } from '../api/types';

/** A sign-in as the portal keeps it. */
export interface SignedIn {
  accessToken: string;
  /** Epoch milliseconds after which the access token is renewed before use. */
  renewAt: number;
  refreshToken: string;
  user: UserView;
  organization: OrganizationView;
}

export interface SessionStoreOptions {
  storage: Storage;
  refresh(refreshToken: string): Promise<Session>;
  logout(refreshToken: string): Promise<void>;
  now?: () => number;
  /** Serializes refreshes across the tabs of the browser (absent in old browsers and jsdom). */
  locks?: LockManager;
}

export const SESSION_STORAGE_KEY = 'kejinqiao.session';

/**
 * A token this close to expiry is renewed before use, so that a request never carries a dead
 * one; a third of its life at most, so short-lived tokens are not renewed at every request.
 */
const RENEW_MARGIN_MS = 30_000;

/**
 * The sign-in: kept in localStorage so it survives reloads and is shared by tabs, refreshed
 * silently before the access token runs out. Each refresh token works once (the api rotates
 * it and ends the whole sign-in if a spent one comes back), so refreshes run one at a time
 * across tabs, and a tab that finds the token already rotated by another adopts the result.
 */
export class SessionStore {
  private signedIn: SignedIn | null;
  private refreshing: Promise<string | null> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;
  /** Why the last sign-in ended without the user signing out, until the next sign-in. */
  endedBecause: ErrorCode | null = null;

  constructor(private readonly options: SessionStoreOptions) {
    this.now = options.now ?? Date.now;
    this.signedIn = this.read();
  }

  current = (): SignedIn | null => this.signedIn;

  ended = (): ErrorCode | null => this.endedBecause;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  signIn(session: Session): void {
    this.endedBecause = null;
    const lifetimeMs = session.expiresIn * 1000;
    this.set({
      accessToken: session.accessToken,
      renewAt: this.now() + lifetimeMs - Math.min(RENEW_MARGIN_MS, lifetimeMs / 3),
      refreshToken: session.refreshToken,
      user: session.user,
      organization: session.organization,
    });
  }

  /** A usable access token, refreshed first when it is about to expire; null when signed out. */
  async accessToken(): Promise<string | null> {
    const signedIn = this.signedIn;
    if (!signedIn) return null;
    if (this.now() < signedIn.renewAt) return signedIn.accessToken;
    this.refreshing ??= this.refreshAcrossTabs().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** The api refused the access token before its time (clock change, key rotation): renew it. */
  expireAccessToken(): void {
    if (this.signedIn) this.signedIn = { ...this.signedIn, renewAt: 0 };
  }

  /** The user signs out: forgotten here at once, then the api ends the sign-in if it can. */
  async signOut(): Promise<void> {
    const signedIn = this.signedIn;
    this.endedBecause = null;
    this.set(null);
    if (!signedIn) return;
    try {
      await this.options.logout(signedIn.refreshToken);
    } catch {
      // Offline or already ended: the tokens are forgotten here and expire on their own.
    }
  }

  /** The api ended the sign-in (reused refresh token, revoked, suspended): forget it, say why. */
  end(reason: ErrorCode): void {
    if (!this.signedIn) return;
    this.endedBecause = reason;
    this.set(null);
  }

  /** The user has read why the sign-in ended. */
  dismissEnded(): void {
    this.endedBecause = null;
    this.notify();
  }

  /** Another tab signed in, refreshed or signed out. */
  syncFromStorage(): void {
    const stored = this.read();
    if (stored?.refreshToken === this.signedIn?.refreshToken) return;
    this.signedIn = stored;
    this.notify();
  }

  private async refreshAcrossTabs(): Promise<string | null> {
    const run = () => this.refresh();
    return this.options.locks
      ? await this.options.locks.request('kejinqiao-session-refresh', run)
      : await run();
  }

  private async refresh(): Promise<string | null> {
    const stored = this.read();
    if (!stored) {
      this.set(null);
      return null;
    }
    if (this.now() < stored.renewAt) {
      // Another tab refreshed while this one waited for the lock.
      this.signedIn = stored;
      this.notify();
      return stored.accessToken;
    }
    try {
      const session = await this.options.refresh(stored.refreshToken);
      this.signIn(session);
      return session.accessToken;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.signedIn = stored;
        this.end(error.code);
        return null;
      }
      // Offline or the server failed: keep the sign-in, the next request tries again.
      throw error;
    }
  }

  private set(signedIn: SignedIn | null): void {
    this.signedIn = signedIn;
    if (signedIn) this.options.storage.setItem(SESSION_STORAGE_KEY, JSON.stringify(signedIn));
    else this.options.storage.removeItem(SESSION_STORAGE_KEY);
    this.notify();
  }

  private read(): SignedIn | null {
    const text = this.options.storage.getItem(SESSION_STORAGE_KEY);
    if (!text) return null;
    try {
      const value = JSON.parse(text) as Partial<SignedIn>;
      const whole =
        typeof value.accessToken === 'string' &&
        typeof value.refreshToken === 'string' &&
        typeof value.renewAt === 'number' &&
        value.user &&
        value.organization;
      return whole ? (value as SignedIn) : null;
    } catch {
      return null;
    }
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
