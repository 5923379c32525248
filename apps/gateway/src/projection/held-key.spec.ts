import { KeyRecord } from '@keygate/contracts';
import { HeldKey, hashKey } from './held-key';

const record = (overrides: Partial<KeyRecord> = {}): KeyRecord => ({
  id: 'key_1',
  accountId: 'acc_1',
  name: 'Storefront',
  kind: 'user',
  access: null,
  type: 'administration',
  environment: 'live',
  rules: [{ resource: 'product', actions: ['read'] }],
  status: 'revoked',
  expiresAt: '2027-01-01T00:00:00.000Z',
  allowedHosts: ['10.0.0.0/8'],
  rateLimits: [],
  meta: {},
  credits: null,
  version: 7,
  secretHash: 'ab'.repeat(32),
  previousSecretHash: null,
  previousValidUntil: null,
  ...overrides,
});

describe(HeldKey.name, () => {
  it('reads back every field of the record it holds', () => {
    for (const original of [
      record(),
      record({ kind: 'application', access: 'read-only', type: 'standard', status: 'active' }),
      record({ environment: 'test', status: 'quarantined' }),
      record({
        access: 'read-write',
        status: 'expired',
        previousSecretHash: 'cd'.repeat(32),
        previousValidUntil: '2026-12-01T00:00:00.000Z',
      }),
    ]) {
      const held = new HeldKey(
        original,
        original.accountId,
        original.rules,
        original.allowedHosts,
        original.rateLimits,
        original.meta,
      );
      expect(held.toRecord()).toEqual(original);
      expect(held.hash).toBe(hashKey(original.secretHash));
      expect(held.hash).toHaveLength(32);
    }
  });
});
