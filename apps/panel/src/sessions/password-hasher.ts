import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

const derive = (password: string, salt: Buffer, n: number, r: number, p: number) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );

/** A hash of a password nobody has, so an unknown email costs a login as much as a known one. */
let decoy: Promise<string> | null = null;

/**
 * Panel passwords, hashed with scrypt (N=16384, r=8, p=1, 16-byte salt) into
 * `scrypt$N$r$p$salt$hash` (base64). The parameters travel with the hash, so they can be raised
 * later without breaking existing users.
 */
export const PasswordHasher = {
  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await derive(password, salt, N, R, P);
    return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
  },

  /** Constant-time comparison of the derived keys; false for a malformed hash. */
  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, n, r, p, salt, hash] = stored.split('$');
    if (scheme !== 'scrypt' || !salt || !hash) return false;
    const expected = Buffer.from(hash, 'base64');
    const actual = await derive(password, Buffer.from(salt, 'base64'), +n, +r, +p);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  },

  /** Spends the time of a real verification, for a login whose email is unknown. */
  async burn(password: string): Promise<void> {
    decoy ??= PasswordHasher.hash(randomBytes(16).toString('hex'));
    await PasswordHasher.verify(password, await decoy);
  },
};
