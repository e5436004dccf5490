import { randomUUID } from 'node:crypto';
import { CheckInSigner } from './check-in-token';

describe(CheckInSigner.name, () => {
  const signer = new CheckInSigner('a-secret-long-enough-for-the-test-run');
  const id = randomUUID();
  const nonce = CheckInSigner.newNonce();

  it('should verify a code it signed for the registration and nonce', () => {
    const token = signer.sign(id, nonce);

    expect(CheckInSigner.registrationOf(token)).toBe(id);
    expect(signer.verify(token, id, nonce)).toBe(true);
  });

  it('should refuse a code after the nonce changed (a new sign-up)', () => {
    const token = signer.sign(id, nonce);
    expect(signer.verify(token, id, CheckInSigner.newNonce())).toBe(false);
  });

  it('should refuse a code signed with another secret', () => {
    const forged = new CheckInSigner('another-secret-of-some-length').sign(id, nonce);
    expect(signer.verify(forged, id, nonce)).toBe(false);
  });

  it('should refuse a code naming another registration', () => {
    const token = signer.sign(id, nonce);
    expect(signer.verify(token, randomUUID(), nonce)).toBe(false);
  });

  it.each([
    '',
    'x',
    `${randomUUID()}`,
    `${randomUUID()}.short`,
    `not-a-uuid.${'A'.repeat(22)}`,
    `${randomUUID()}.${'A'.repeat(22)}.x`,
  ])('should read no registration from a malformed code %p', (token) => {
    expect(CheckInSigner.registrationOf(token)).toBeNull();
  });
});
