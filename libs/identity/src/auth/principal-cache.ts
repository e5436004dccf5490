import { Clock, type TypedConfigService } from '@app/core';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Principal } from './auth-user';

/** Callers kept at most; the oldest entry makes room for a new one. */
export const PRINCIPAL_CACHE_ENTRIES = 20_000;

interface Entry {
  principal: Principal;
  until: number;
}

/**
 * The callers this instance admitted lately, so that a busy user's requests do not each read
 * their user and organization again: kept for PRINCIPAL_CACHE_MS (0: never kept). The platform's
 * own changes to an account or an organization (suspension, reactivation, verification,
 * sign-out) drop the entries they touch on the instance that makes them, so they count from the
 * next request there; other instances, and changes made to the database by hand, are seen once
 * the entry runs out. Only admitted callers are kept (a refusal is looked up again every time),
 * and none whose read began before such a change.
 */
@Injectable()
export class PrincipalCache {
  private readonly ttlMs: number;
  private readonly entries = new Map<string, Entry>();
  private forgettings = 0;

  constructor(
    private readonly clock: Clock,
    @Inject(ConfigService) config: TypedConfigService,
  ) {
    this.ttlMs = config.get('PRINCIPAL_CACHE_MS', { infer: true });
  }

  /** A copy of the kept caller, so that no request sees what another one changed on it. */
  get(userId: string): Principal | undefined {
    const entry = this.entries.get(userId);
    if (!entry) return undefined;
    if (entry.until <= this.clock.now().getTime()) {
      this.entries.delete(userId);
      return undefined;
    }
    return copyOf(entry.principal);
  }

  /** Changes with every forgetting: read it before reading a caller, and pass it to remember. */
  get version(): number {
    return this.forgettings;
  }

  /**
   * Keeps a caller read from the database, unless something was forgotten since `version` was
   * taken: that read may have started before a suspension committed, and must not outlive it.
   */
  remember(principal: Principal, version: number): void {
    if (this.ttlMs === 0 || version !== this.forgettings) return;
    this.entries.delete(principal.user.id);
    if (this.entries.size >= PRINCIPAL_CACHE_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(principal.user.id, {
      principal: copyOf(principal),
      until: this.clock.now().getTime() + this.ttlMs,
    });
  }

  forgetUser(userId: string): void {
    this.forgettings++;
    this.entries.delete(userId);
  }

  /** Every kept user of the organization (its status is part of each of them). */
  forgetOrganization(orgId: string): void {
    this.forgettings++;
    for (const [userId, entry] of this.entries) {
      if (entry.principal.user.orgId === orgId) this.entries.delete(userId);
    }
  }
}

function copyOf(principal: Principal): Principal {
  return { user: { ...principal.user }, tokenGeneration: principal.tokenGeneration };
}
