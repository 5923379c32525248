import { KeyRecord } from '@keygate/contracts';

/** An active user key of account `a` with no rules, changed by `overrides`: for unit specs. */
export const keyRecord = (overrides: Partial<KeyRecord> = {}): KeyRecord => ({
  id: 'k',
  accountId: 'a',
  name: 'n',
  kind: 'user',
  access: null,
  type: 'standard',
  environment: 'live',
  rules: [],
  status: 'active',
  expiresAt: null,
  allowedHosts: [],
  rateLimits: [],
  meta: {},
  credits: null,
  version: 1,
  secretHash: 'h',
  previousSecretHash: null,
  previousValidUntil: null,
  ...overrides,
});
