import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30 s (the otpauth library's). */
const PERIOD_SECONDS = 30;
/** A code of the step before or after now is accepted too (clock drift, a slow typist). */
const WINDOW = 1;
export const RECOVERY_CODES = 10;

function totpOf(secretBase32: string, label = ''): TOTP {
  return new TOTP({
    issuer: 'Keygate',
    label,
    secret: Secret.fromBase32(secretBase32),
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
  });
}

/** A new shared secret (160 bits, base32) and the otpauth:// URL an authenticator app scans. */
export function newTotpSecret(email: string): { secret: string; otpauthUrl: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, otpauthUrl: totpOf(secret, email).toString() };
}

/**
 * The time step a code belongs to, if it is right for now ±1 step; null otherwise. A caller keeps
 * the last step accepted and refuses any step not after it, so a code works once.
 */
export function stepOfCode(secretBase32: string, code: string, nowMs: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpOf(secretBase32).validate({ token: code, timestamp: nowMs, window: WINDOW });
  return delta === null ? null : Math.floor(nowMs / 1000 / PERIOD_SECONDS) + delta;
}

/** Ten one-time recovery codes (`xxxxx-xxxxx`, 50 random bits each) and their stored hashes. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const text = randomBytes(8).readBigUInt64BE().toString(32).padStart(13, '0').slice(-10);
    return `${text.slice(0, 5)}-${text.slice(5)}`;
  });
  return { codes, hashes: codes.map(recoveryCodeHash) };
}

/** A recovery code as stored (they are random enough that a plain SHA-256 is enough). */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase()).digest('hex');
}
