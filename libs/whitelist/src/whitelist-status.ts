import type { Qualification } from '@app/core';

/** An organization's place on the whitelist on one day (see WhitelistService.statusFor). */
export interface WhitelistStatus {
  whitelisted: boolean;
  /** Every qualification its valid entries grant, in vocabulary order. */
  qualifications: Qualification[];
  /** The last day it stays whitelisted, as far as the entries valid today say. */
  validTo: string | null;
  /** The batch of the entry valid longest. */
  batchId: string | null;
}

export const NOT_WHITELISTED: WhitelistStatus = Object.freeze({
  whitelisted: false,
  qualifications: [],
  validTo: null,
  batchId: null,
});
