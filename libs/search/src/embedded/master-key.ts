import { loadOrCreateSecretFile } from '@app/core';

// Meilisearch refuses shorter keys in production and only warns in development.
const MIN_KEY_BYTES = 16;

/** Returns the master key stored in `<dir>/meili-master-key`, creating a random one on first use. */
export function loadOrCreateMasterKey(dir: string): string {
  return loadOrCreateSecretFile(dir, 'meili-master-key', MIN_KEY_BYTES);
}
