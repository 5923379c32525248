import { ValidationError } from '../errors';
import { isIpOrCidr } from './ip-address';
import { createKeySchema, rotateKeySchema, updateKeySchema } from './key.dto';
import { parseInput } from './validation';

const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    return (error as ValidationError).fields?.map((f) => f.field) ?? [];
  }
  return [];
};

describe(isIpOrCidr.name, () => {
  it.each(['10.0.0.1', '10.0.0.0/8', '0.0.0.0/0', '::1', '2001:db8::/32', 'fe80::1/128'])(
    'accepts %s',
    (value) => {
      expect(isIpOrCidr(value)).toBe(true);
    },
  );
  it.each([
    '10.0.0.256',
    '10.0.0.0/33',
    '::1/129',
    'example.com',
    '10.0.0.0/',
    '10.0.0.0/8/8',
    '10.0.0.0/-1',
    '',
  ])('rejects %s', (value) => {
    expect(isIpOrCidr(value)).toBe(false);
  });
});

describe('createKeySchema', () => {
  const valid = {
    accountId: 'acc_1',
    name: ' Reader ',
    rules: [{ resource: 'product', actions: ['read'] }],
  };

  it('fills defaults, trims the name and normalises hosts and expiry', () => {
    const dto = parseInput(createKeySchema, {
      ...valid,
      allowedHosts: ['2001:DB8::1', '2001:db8::1'],
      expiresAt: '2027-01-01T01:00:00+01:00',
    });
    expect(dto).toMatchObject({
      name: 'Reader',
      type: 'standard',
      allowedHosts: ['2001:db8::1'],
      expiresAt: '2027-01-01T00:00:00.000Z',
    });
  });

  it('names each bad field', () => {
    expect(
      fieldsOf(() =>
        parseInput(createKeySchema, {
          ...valid,
          type: 'root',
          rules: [{ resource: 'a b', actions: [] }],
        }),
      ).sort(),
    ).toEqual(['rules[0].actions', 'rules[0].resource', 'type']);
  });

  it('refuses a resource named twice, a repeated action and unknown fields', () => {
    expect(
      fieldsOf(() =>
        parseInput(createKeySchema, { ...valid, rules: [valid.rules[0], valid.rules[0]] }),
      ),
    ).toEqual(['rules']);
    expect(
      fieldsOf(() =>
        parseInput(createKeySchema, {
          ...valid,
          rules: [{ resource: '*', actions: ['read', 'read'] }],
        }),
      ),
    ).toEqual(['rules[0].actions']);
    expect(fieldsOf(() => parseInput(createKeySchema, { ...valid, secretHash: 'x' }))).toEqual([
      '(body)',
    ]);
  });

  it('refuses a date that is not ISO 8601', () => {
    expect(
      fieldsOf(() => parseInput(createKeySchema, { ...valid, expiresAt: 'next tuesday' })),
    ).toEqual(['expiresAt']);
  });
});

describe('updateKeySchema', () => {
  it('needs at least one change', () => {
    expect(
      fieldsOf(() => parseInput(updateKeySchema, { accountId: 'acc_1', keyId: 'key_1' })),
    ).toEqual(['(body)']);
  });
  it('accepts null to remove an expiry', () => {
    expect(
      parseInput(updateKeySchema, { accountId: 'acc_1', keyId: 'key_1', expiresAt: null })
        .expiresAt,
    ).toBeNull();
  });
});

describe('rotateKeySchema', () => {
  it('defaults the grace period to 0 and bounds it to 7 days of whole seconds', () => {
    expect(parseInput(rotateKeySchema, { accountId: 'a', keyId: 'k' }).gracePeriodSeconds).toBe(0);
    expect(
      fieldsOf(() =>
        parseInput(rotateKeySchema, { accountId: 'a', keyId: 'k', gracePeriodSeconds: 604801 }),
      ),
    ).toEqual(['gracePeriodSeconds']);
    expect(
      fieldsOf(() =>
        parseInput(rotateKeySchema, { accountId: 'a', keyId: 'k', gracePeriodSeconds: 1.5 }),
      ),
    ).toEqual(['gracePeriodSeconds']);
  });
});

describe('rate limits and metadata of a key', () => {
  const valid = { accountId: 'acc_1', name: 'n', rules: [] };

  it('takes up to three limits, one per window, naming each bad field by its place', () => {
    const parsed = parseInput(createKeySchema, {
      ...valid,
      rateLimits: [
        { limit: 10, windowSeconds: 1 },
        { limit: 1000, windowSeconds: 86400 },
      ],
    });
    expect(parsed.rateLimits).toHaveLength(2);
    expect(parsed.meta).toEqual({});
    expect(
      fieldsOf(() =>
        parseInput(createKeySchema, {
          ...valid,
          rateLimits: [
            { limit: 10, windowSeconds: 1 },
            { limit: 0, windowSeconds: 86401 },
          ],
        }),
      ),
    ).toEqual(['rateLimits[1].limit', 'rateLimits[1].windowSeconds']);
    const four = [1, 2, 3, 4].map((windowSeconds) => ({ limit: 1, windowSeconds }));
    expect(fieldsOf(() => parseInput(createKeySchema, { ...valid, rateLimits: four }))).toEqual([
      'rateLimits',
    ]);
    const twice = [1, 1].map((windowSeconds) => ({ limit: 1, windowSeconds }));
    expect(fieldsOf(() => parseInput(createKeySchema, { ...valid, rateLimits: twice }))).toEqual([
      'rateLimits',
    ]);
  });

  it('keeps a JSON object of up to 8 KB as metadata, and refuses anything else naming meta', () => {
    const meta = { customer: 'acme-42', tier: 'gold', tags: ['a'], nested: { n: 1 } };
    expect(parseInput(createKeySchema, { ...valid, meta }).meta).toEqual(meta);
    const atLimit = { x: 'y'.repeat(8192 - '{"x":""}'.length) };
    expect(parseInput(createKeySchema, { ...valid, meta: atLimit }).meta).toEqual(atLimit);
    for (const bad of [
      { x: 'y'.repeat(8192) },
      ['a'],
      'text',
      null,
      JSON.parse('{"__proto__": {"admin": true}}'),
    ])
      expect(fieldsOf(() => parseInput(createKeySchema, { ...valid, meta: bad }))).toEqual([
        'meta',
      ]);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('counts a change of limits or metadata alone as a change', () => {
    expect(parseInput(updateKeySchema, { accountId: 'a', keyId: 'k', meta: {} }).meta).toEqual({});
    expect(
      parseInput(updateKeySchema, { accountId: 'a', keyId: 'k', rateLimits: [] }).rateLimits,
    ).toEqual([]);
  });
});
