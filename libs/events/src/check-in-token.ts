import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Bytes of HMAC kept in a token: 128 bits, short enough for a small QR code. */
const SIGNATURE_BYTES = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{22}$/;

/**
 * Signs and reads check-in codes: `<registrationId>.<signature>`, the signature an HMAC of the
 * registration id and its nonce. A new nonce (each registration or re-registration) makes old
 * codes worthless; whether a code was used is the registration's own state, not the code's.
 */
export class CheckInSigner {
  private readonly key: Buffer;

  /** The key is derived from the deployment's secret, so it never equals the JWT key itself. */
  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('techfin:event-check-in').digest();
  }

  static newNonce(): string {
    return randomBytes(12).toString('base64url');
  }

  sign(registrationId: string, nonce: string): string {
    return `${registrationId}.${this.signature(registrationId, nonce).toString('base64url')}`;
  }

  /** The registration a well-formed code names; null for anything else. */
  static registrationOf(token: string): string | null {
    const [id, signature, ...rest] = token.split('.');
    if (rest.length > 0 || !UUID.test(id ?? '') || !SIGNATURE.test(signature ?? '')) return null;
    return id;
  }

  /** Whether the code was signed here for this registration and nonce. */
  verify(token: string, registrationId: string, nonce: string): boolean {
    if (CheckInSigner.registrationOf(token) !== registrationId) return false;
    const given = Buffer.from(token.slice(registrationId.length + 1), 'base64url');
    const expected = this.signature(registrationId, nonce);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private signature(registrationId: string, nonce: string): Buffer {
    return createHmac('sha256', this.key)
      .update(`${registrationId}.${nonce}`)
      .digest()
      .subarray(0, SIGNATURE_BYTES);
  }
}
