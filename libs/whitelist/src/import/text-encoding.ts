/** The encodings a whitelist CSV arrives in: Excel on a Chinese Windows writes GB18030 (GBK). */
export type TextEncoding = 'utf-8' | 'gb18030';

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** How many leading bytes decide the encoding. */
export const ENCODING_PREFIX_BYTES = 64 * 1024;

/**
 * The encoding of a text file from its first bytes: a UTF-8 BOM decides; otherwise text that is
 * valid UTF-8 is UTF-8, and anything else is GB18030 (a superset of GBK and GB2312). Statistical
 * detectors guess badly on the few hundred bytes of a short list, while GBK text with Chinese in
 * it is almost never valid UTF-8, so a strict check is the better test.
 *
 * `complete` says whether `prefix` is the whole file: when it is not, a multi-byte character cut
 * off at its end is not held against UTF-8.
 */
export function detectEncoding(prefix: Uint8Array, complete: boolean): DetectedEncoding {
  if (UTF8_BOM.every((byte, i) => prefix[i] === byte)) {
    return { encoding: 'utf-8', bomLength: UTF8_BOM.length };
  }
  return { encoding: isUtf8(prefix, complete) ? 'utf-8' : 'gb18030', bomLength: 0 };
}

function isUtf8(bytes: Uint8Array, complete: boolean): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    // With stream: true an incomplete trailing sequence is held back rather than rejected.
    decoder.decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}
