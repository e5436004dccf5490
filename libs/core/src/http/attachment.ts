/**
 * What a fallback filename may hold: printable ASCII without the quote and backslash that would
 * need escaping, and without `%`, which some browsers decode in `filename` (RFC 6266, appendix D).
 */
const ASCII_FILENAME = /^[\x20-\x21\x23-\x24\x26-\x5B\x5D-\x7E]+$/;

/**
 * A Content-Disposition that downloads a file under a name of any script (RFC 6266): `filename*`
 * carries it in UTF-8 (RFC 8187), and `filename` an ASCII name for clients that know no other.
 */
export function attachmentDisposition(filename: string, asciiFallback: string): string {
  if (!ASCII_FILENAME.test(asciiFallback)) {
    throw new RangeError(`Not a plain ASCII filename: ${JSON.stringify(asciiFallback)}`);
  }
  // encodeURIComponent leaves these four, which an RFC 8187 value must encode too.
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}
