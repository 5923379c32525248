import { EventEnvelope, KeyCreatedData } from '@keygate/contracts';
import { KeyProjection } from './key-projection';

// Secret hashes as the key service writes them: HMAC-SHA256 in hex.
const [H1, H2, H3] = ['1', '2', '3'].map((digit) => digit.repeat(64));

let n = 0;
const event = (streamId: string, version: number, type: string, data: object): EventEnvelope => ({
  eventId: `e${++n}`,
  streamId,
  version,
  type,
  schemaVersion: 1,
  occurredAt: new Date().toISOString(),
  actor: { type: 'system' },
  data,
});

const created = (overrides: Partial<KeyCreatedData> = {}) =>
  event('key-k1', 1, 'KeyCreated', {
    keyId: 'k1',
    accountId: 'a1',
    kind: 'user',
    access: null,
    type: 'standard',
    name: 'n',
    rules: [],
    allowedHosts: [],
    expiresAt: null,
    secretHash: H1,
    hint: 'x',
    ...overrides,
  });

describe(KeyProjection.name, () => {
  it('finds a created key by its secret hash', () => {
    const projection = new KeyProjection();
    expect(projection.apply(created())).toBe('applied');
    expect(projection.findBySecretHash(H1)).toMatchObject({
      key: { id: 'k1', status: 'active' },
      viaPreviousSecret: false,
    });
  });

  it('ignores a repeated or older version', () => {
    const projection = new KeyProjection();
    const first = created();
    projection.apply(first);
    expect(projection.apply(first)).toBe('stale');
  });

  it('reports a gap when a version is skipped', () => {
    const projection = new KeyProjection();
    projection.apply(created());
    expect(projection.apply(event('key-k1', 3, 'KeyRevoked', { keyId: 'k1' }))).toBe('gap');
    expect(projection.key('k1')?.status).toBe('active');
  });

  it('keeps the old hash during a grace period and drops it on the next rotation', () => {
    const projection = new KeyProjection();
    projection.apply(created());
    projection.apply(
      event('key-k1', 2, 'KeyRotated', {
        keyId: 'k1',
        secretHash: H2,
        hint: 'y',
        previousSecretHash: H1,
        previousValidUntil: '2099-01-01T00:00:00.000Z',
      }),
    );
    expect(projection.findBySecretHash(H1)?.viaPreviousSecret).toBe(true);
    expect(projection.findBySecretHash(H2)?.viaPreviousSecret).toBe(false);
    projection.apply(
      event('key-k1', 3, 'KeyRotated', {
        keyId: 'k1',
        secretHash: H3,
        hint: 'z',
        previousSecretHash: null,
        previousValidUntil: null,
      }),
    );
    expect(projection.findBySecretHash(H1)).toBeNull();
    expect(projection.findBySecretHash(H2)).toBeNull();
  });

  it('marks revoked keys and forgets deleted ones', () => {
    const projection = new KeyProjection();
    projection.apply(created());
    projection.apply(event('key-k1', 2, 'KeyRevoked', { keyId: 'k1' }));
    expect(projection.findBySecretHash(H1)?.key.status).toBe('revoked');
    projection.apply(event('key-k1', 3, 'KeyDeleted', { keyId: 'k1' }));
    expect(projection.findBySecretHash(H1)).toBeNull();
    expect(projection.keyCount).toBe(0);
  });

  it('follows plan changes of accounts', () => {
    const projection = new KeyProjection();
    projection.apply(
      event('account-a1', 1, 'AccountOpened', { accountId: 'a1', name: 'Acme', plan: 'free' }),
    );
    projection.apply(
      event('account-a1', 2, 'AccountPlanChanged', { accountId: 'a1', from: 'free', to: 'pro' }),
    );
    expect(projection.account('a1')).toMatchObject({ plan: 'pro', version: 2 });
  });

  it('lets an authoritative record repair a gap but never go backwards', () => {
    const projection = new KeyProjection();
    projection.apply(created());
    const record = { ...projection.key('k1')!, version: 3, status: 'revoked' as const };
    projection.putKey(record);
    expect(projection.key('k1')?.status).toBe('revoked');
    projection.putKey({ ...record, version: 2, status: 'active' });
    expect(projection.key('k1')?.status).toBe('revoked');
  });
});
