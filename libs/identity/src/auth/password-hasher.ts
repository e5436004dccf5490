import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/** Argon2id with the library's defaults (OWASP's minimum: 19 MiB, 2 passes). */
@Injectable()
export class PasswordHasher {
  /** Verified against when the email is unknown, so timing does not tell which emails exist. */
  private readonly decoy = hash('decoy-password-never-matches');

  hash(password: string): Promise<string> {
    return hash(password);
  }

  async verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    const target = passwordHash ?? (await this.decoy);
    try {
      const ok = await verify(target, password);
      return ok && passwordHash !== undefined;
    } catch {
      return false;
    }
  }
}
