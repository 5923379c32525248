import { createHmac, timingSafeEqual } from 'node:crypto';
import { crc32 } from './crc32';
import { encodeBase62, randomBase62 } from './base62';

export const SECRET_BODY_LENGTH = 32;
export const SECRET_CHECKSUM_LENGTH = 6;

const PREFIX_PATTERN = /^[a-z][a-z0-9]{0,9}$/;
const BODY_AND_CHECKSUM = /^[0-9A-Za-z]{38}$/;

export function isValidKeyPrefix(prefix: string): boolean {
  return PREFIX_PATTERN.test(prefix);
}

export function checksumOf(body: string): string {
  return encodeBase62(crc32(body), SECRET_CHECKSUM_LENGTH);
}

/** Where a key's calls count and go: live data, or a test environment of their own. */
export type SecretEnvironment = 'live' | 'test';

/** What follows the prefix: `sk` for a live key (every secret before test keys), `test` for a test key. */
const MARKERS: Record<SecretEnvironment, string> = { live: 'sk', test: 'test' };

/** `kg_sk_` or `kg_test_`: a secret's head, which says its environment. */
const headOf = (prefix: string, environment: SecretEnvironment) =>
  `${prefix}_${MARKERS[environment]}_`;

/** The environment a secret of this deployment names in its head, or null for another token. */
export function environmentOfSecret(token: string, prefix: string): SecretEnvironment | null {
  if (token.startsWith(headOf(prefix, 'live'))) return 'live';
  if (token.startsWith(headOf(prefix, 'test'))) return 'test';
  return null;
}

/**
 * A new secret: `<prefix>_sk_<32 random base62><6 base62 CRC32 of the 32>`, or `<prefix>_test_…`
 * for a test key.
 */
export function generateSecret(prefix: string, environment: SecretEnvironment = 'live'): string {
  if (!isValidKeyPrefix(prefix)) throw new RangeError('invalid key prefix');
  const body = randomBase62(SECRET_BODY_LENGTH);
  return `${headOf(prefix, environment)}${body}${checksumOf(body)}`;
}

/**
 * True when `token` has this deployment's prefix, the right shape and a matching checksum.
 * Lets the gateway turn away typos and foreign tokens before any HMAC or lookup.
 */
export function hasValidFormat(token: string, prefix: string): boolean {
  const environment = environmentOfSecret(token, prefix);
  if (!environment) return false;
  const head = headOf(prefix, environment);
  if (token.length !== head.length + SECRET_BODY_LENGTH + SECRET_CHECKSUM_LENGTH) return false;
  const tail = token.slice(head.length);
  if (!BODY_AND_CHECKSUM.test(tail)) return false;
  const body = tail.slice(0, SECRET_BODY_LENGTH);
  return tail.slice(SECRET_BODY_LENGTH) === checksumOf(body);
}

/** HMAC-SHA256 of the whole token under the server pepper, hex: the only form ever stored. */
export function hashSecret(token: string, pepper: Buffer): string {
  return createHmac('sha256', pepper).update(token, 'utf8').digest('hex');
}

/** The same HMAC as its 32 raw bytes in a one-byte string: how a gateway's projection looks keys up. */
export function secretHashBytes(token: string, pepper: Buffer): string {
  return createHmac('sha256', pepper).update(token, 'utf8').digest('binary'); // 'binary' is latin1
}

/** `kg_sk_AbCd…9xYz` (`kg_test_AbCd…9xYz`): enough for a person to recognise a key, useless to an attacker. */
export function hintOf(token: string, prefix: string): string {
  const head = headOf(prefix, environmentOfSecret(token, prefix) ?? 'live');
  return `${head}${token.slice(head.length, head.length + 4)}…${token.slice(-4)}`;
}

/** The hint of a secret made elsewhere (an imported key): its last four characters only. */
export function foreignHintOf(token: string): string {
  return `…${token.slice(-4)}`;
}

/** Whether `token` claims to be one of this deployment's secrets (then its checksum must hold). */
export function looksLikeKeygateSecret(token: string, prefix: string): boolean {
  return environmentOfSecret(token, prefix) !== null;
}

export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
