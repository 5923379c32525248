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
