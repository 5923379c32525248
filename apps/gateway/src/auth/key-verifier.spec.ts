import { DEFAULT_PLANS } from '@keygate/config';
import { DomainError, KeyRecord } from '@keygate/contracts';
import { generateSecret, hashSecret } from '@keygate/key-secret';
import { KeyProjection } from '../projection/key-projection';
import { keyRecord } from '../../test/key-record';
import { KeyVerifier } from './key-verifier';

const pepper = Buffer.from('unit-test-pepper-unit-test-pepper');
const NOW = new Date('2026-11-23T12:00:00Z');

function setup(overrides: Partial<KeyRecord> = {}, plan = 'starter') {
  return setupWith(new KeyProjection(), overrides, plan);
}

function setupWith(projection: KeyProjection, overrides: Partial<KeyRecord>, plan: string) {
  const secret = generateSecret('kg');
  const key = keyRecord({
    id: 'k1',
    accountId: 'a1',
    rules: [{ resource: 'product', actions: ['read'] }],
    secretHash: hashSecret(secret, pepper),
    ...overrides,
  });
  projection.load({ accounts: [{ id: 'a1', name: 'Acme', plan, version: 1 }], keys: [key] });
  return {
    secret,
    verifier: new KeyVerifier(projection, {
      keyPrefix: 'kg',
      keyPepper: pepper,
      plans: DEFAULT_PLANS,
    }),
  };
}

function failure(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    return { code: (error as DomainError).code, message: (error as DomainError).message };
  }
  throw new Error('expected a failure');
}

describe(KeyVerifier.name, () => {
  it('accepts a valid key and returns its account', () => {
    const { secret, verifier } = setup();
    expect(verifier.verify(secret, '1.2.3.4', NOW).account).toEqual({
      id: 'a1',
      name: 'Acme',
      plan: 'starter',
    });
  });

  it('refuses a key it remembers the HMAC of once the key is gone from the projection', () => {
    const projection = new KeyProjection();
    const { secret, verifier } = setupWith(projection, {}, 'starter');
    expect(verifier.verify(secret, '1.2.3.4', NOW).key.id).toBe('k1');
    expect(verifier.verify(secret, '1.2.3.4', NOW).key.id).toBe('k1'); // from the remembered HMAC
    projection.removeKey('k1');
    expect(failure(() => verifier.verify(secret, '1.2.3.4', NOW)).message).toBe('Unknown API key');
  });

  it('rejects a malformed key before any lookup', () => {
    const { secret, verifier } = setup();
    expect(
      failure(() =>
        verifier.verify(secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A'), '1.2.3.4', NOW),
      ),
    ).toEqual({ code: 'UNAUTHORIZED', message: 'Malformed API key' });
  });

  it('rejects a well-formed unknown key', () => {
    const { verifier } = setup();
    expect(failure(() => verifier.verify(generateSecret('kg'), '1.2.3.4', NOW)).message).toBe(
      'Unknown API key',
    );
  });

  it('rejects a revoked key, saying so', () => {
    const revoked = setup({ status: 'revoked' });
    expect(failure(() => revoked.verifier.verify(revoked.secret, '1.1.1.1', NOW))).toEqual({
      code: 'UNAUTHORIZED',
      message: 'API key revoked',
    });
  });

  it('rejects a key past its expiry, saying so, and accepts it until then', () => {
    const expiring = setup({ expiresAt: '2026-11-23T12:00:01Z' });
    expect(expiring.verifier.verify(expiring.secret, '1.1.1.1', NOW).key.id).toBe('k1');
    const expired = setup({ expiresAt: '2026-11-23T11:59:59Z' });
    expect(failure(() => expired.verifier.verify(expired.secret, '1.1.1.1', NOW))).toEqual({
      code: 'UNAUTHORIZED',
      message: 'API key expired',
    });
  });

  it('rejects a key quarantined as leaked, with that reason', () => {
    const { secret, verifier } = setup({ status: 'quarantined' });
    let refusal: unknown;
    try {
      verifier.verify(secret, '1.1.1.1', NOW);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code: 'UNAUTHORIZED', reason: 'leaked' });
  });

  it('enforces allowed hosts on the client address', () => {
    const { secret, verifier } = setup({ allowedHosts: ['10.0.0.0/8', '2001:db8::/32'] });
    expect(verifier.verify(secret, '10.1.1.1', NOW).key.id).toBe('k1');
    expect(verifier.verify(secret, '2001:db8::5', NOW).key.id).toBe('k1');
    expect(failure(() => verifier.verify(secret, '192.168.1.1', NOW))).toEqual({
      code: 'FORBIDDEN',
      message: 'Calls from 192.168.1.1 are not allowed for this API key',
    });
  });

  it('refuses accounts whose plan has no API access, naming the plan', () => {
    const { secret, verifier } = setup({}, 'free');
    const { code, message } = failure(() => verifier.verify(secret, '1.1.1.1', NOW));
    expect(code).toBe('FORBIDDEN');
    expect(message).toContain('free plan');
    expect(message).toContain('starter');
  });

  it('never echoes the key in a message', () => {
    const { secret, verifier } = setup({ status: 'revoked' });
    expect(failure(() => verifier.verify(secret, '1.1.1.1', NOW)).message).not.toContain(
      secret.slice(6),
    );
  });
});
