import { BASE62_ALPHABET, encodeBase62, randomBase62 } from './base62';
import { crc32 } from './crc32';
import {
  checksumOf,
  environmentOfSecret,
  generateSecret,
  hashSecret,
  hashesEqual,
  hasValidFormat,
  hintOf,
  isValidKeyPrefix,
  secretHashBytes,
} from './key-secret';

const pepper = Buffer.from('a-test-pepper-that-is-long-enough-for-hmac');

describe('crc32', () => {
  it('matches the IEEE reference value', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
  });
});

describe('encodeBase62', () => {
  it('pads to the width and encodes the largest CRC', () => {
    expect(encodeBase62(0, 6)).toBe('000000');
    expect(encodeBase62(61, 2)).toBe('0z');
    expect(encodeBase62(0xffffffff, 6)).toHaveLength(6);
  });
  it('refuses values that do not fit', () => {
    expect(() => encodeBase62(62 ** 2, 2)).toThrow(RangeError);
    expect(() => encodeBase62(-1, 6)).toThrow(RangeError);
  });
});

describe('randomBase62', () => {
  it('draws only alphabet characters and covers the alphabet', () => {
    const sample = randomBase62(20000);
    expect(sample).toMatch(/^[0-9A-Za-z]+$/);
    expect(new Set(sample).size).toBe(BASE62_ALPHABET.length);
  });
});

describe('generateSecret', () => {
  it('has the prefix, 32 random characters and a 6-character checksum', () => {
    const secret = generateSecret('kg');
    expect(secret).toMatch(/^kg_sk_[0-9A-Za-z]{38}$/);
    expect(secret.slice(-6)).toBe(checksumOf(secret.slice(6, 38)));
  });
  it('never repeats', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => generateSecret('kg')));
    expect(seen.size).toBe(1000);
  });
  it('rejects an invalid prefix', () => {
    expect(() => generateSecret('Bad_Prefix')).toThrow(RangeError);
    expect(isValidKeyPrefix('acme2')).toBe(true);
    expect(isValidKeyPrefix('')).toBe(false);
  });
});

describe('hasValidFormat', () => {
  const secret = generateSecret('kg');
  it('accepts a generated secret', () => {
    expect(hasValidFormat(secret, 'kg')).toBe(true);
  });
  it('rejects a single mistyped character', () => {
    const i = 10;
    const swapped = secret[i] === 'a' ? 'b' : 'a';
    expect(hasValidFormat(secret.slice(0, i) + swapped + secret.slice(i + 1), 'kg')).toBe(false);
  });
  it('rejects a foreign prefix, a truncated token and non-base62 characters', () => {
    expect(hasValidFormat(secret.replace(/^kg/, 'xx'), 'kg')).toBe(false);
    expect(hasValidFormat(secret, 'acme')).toBe(false);
    expect(hasValidFormat(secret.slice(0, -1), 'kg')).toBe(false);
    expect(hasValidFormat(secret.slice(0, -1) + '-', 'kg')).toBe(false);
    expect(hasValidFormat('', 'kg')).toBe(false);
  });
});

describe('hashSecret', () => {
  it('is deterministic under one pepper and differs under another', () => {
    const secret = generateSecret('kg');
    expect(hashSecret(secret, pepper)).toBe(hashSecret(secret, pepper));
    expect(hashSecret(secret, pepper)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(secret, Buffer.from('another-pepper-another-pepper-xx'))).not.toBe(
      hashSecret(secret, pepper),
    );
  });
  it('compares hashes in constant time and rejects different lengths', () => {
    const h = hashSecret('x', pepper);
    expect(hashesEqual(h, h)).toBe(true);
    expect(hashesEqual(h, hashSecret('y', pepper))).toBe(false);
    expect(hashesEqual(h, h.slice(2))).toBe(false);
  });
});

describe('hintOf', () => {
  it('shows the prefix, the first four and the last four characters', () => {
    const secret = generateSecret('kg');
    expect(hintOf(secret, 'kg')).toBe(`kg_sk_${secret.slice(6, 10)}…${secret.slice(-4)}`);
  });
});

describe('secretHashBytes', () => {
  it('is the hex HMAC as raw bytes', () => {
    const token = generateSecret('kg');
    const bytes = secretHashBytes(token, pepper);
    expect(bytes).toHaveLength(32);
    expect(Buffer.from(bytes, 'latin1').toString('hex')).toBe(hashSecret(token, pepper));
  });
});

describe('test secrets', () => {
  it('say their environment in their head, and pass the same checks as live ones', () => {
    const test = generateSecret('kg', 'test');
    expect(test).toMatch(/^kg_test_[0-9A-Za-z]{38}$/);
    expect(hasValidFormat(test, 'kg')).toBe(true);
    expect(environmentOfSecret(test, 'kg')).toBe('test');
    expect(environmentOfSecret(generateSecret('kg'), 'kg')).toBe('live');
    expect(environmentOfSecret('other_sk_x', 'kg')).toBeNull();
    expect(hintOf(test, 'kg')).toMatch(/^kg_test_[0-9A-Za-z]{4}…[0-9A-Za-z]{4}$/);
  });

  it('refuses a test head on a body of the wrong length or checksum', () => {
    const test = generateSecret('kg', 'test');
    expect(hasValidFormat(test.slice(0, -1), 'kg')).toBe(false);
    expect(hasValidFormat(`${test.slice(0, -1)}${test.endsWith('a') ? 'b' : 'a'}`, 'kg')).toBe(
      false,
    );
    // A live body under a test head (or the other way) fails on length or checksum alone.
    expect(hasValidFormat(`kg_test_${test.slice('kg_test_'.length + 1)}`, 'kg')).toBe(false);
  });
});
