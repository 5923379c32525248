import { KeyVerificationAnswer } from '@keygate/contracts';
import { SystemHarness, withKey } from '../system.harness';

const VERIFY_TOKEN = 'verify-token-for-tests-0000000000001';
const PLANS = {
  starter: { apiAccess: true, callLimit: 100000, maxUserKeys: 10 },
  two: { apiAccess: true, callLimit: 2, maxUserKeys: 5 },
  free: { apiAccess: false, callLimit: 1000, maxUserKeys: 5 },
};
const READ_PRODUCT = [{ resource: 'product', actions: ['read'] }];

/** POST /api/v1/keys/verify: a service that does not proxy asks the gateway about a key. */
describe('key verification for services that do not proxy', () => {
  const system = new SystemHarness({ VERIFY_TOKEN, KEYGATE_PLANS: JSON.stringify(PLANS) });

  beforeAll(() => system.start());
  afterAll(() => system.stop());

  const verify = (body: unknown, token: string | null = VERIFY_TOKEN) =>
    system.call('/api/v1/keys/verify', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
  const verdict = async (body: unknown): Promise<KeyVerificationAnswer> => {
    const answer = await verify(body);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const used = async (secret: string) =>
    (await system.call('/api/auth-context', { headers: withKey(secret) })).body.usage.used;

  it('answers a good key with what it is, and counts it as a call (cost 0 counts nothing)', async () => {
    const opened = await system.openAccount('Verified');
    const { key, secret } = await system.createKey(opened.account.id, {
      rules: READ_PRODUCT,
      meta: { customer: 'c-42' },
    });
    await system.gatewaysCaughtUp();
    const answer = await verdict({
      key: secret,
      permission: { resource: 'product', action: 'read' },
    });
    expect(answer).toMatchObject({
      valid: true,
      code: 'VALID',
      reason: null,
      keyId: key.id,
      accountId: opened.account.id,
      plan: 'starter',
      meta: { customer: 'c-42' },
      rules: READ_PRODUCT,
      limits: { quota: { limit: 100000, used: 1, remaining: 99999 }, credits: null },
    });
    expect(await used(secret)).toBe(1);
    expect((await verdict({ key: secret, cost: 5 })).limits?.quota?.used).toBe(6);
    expect((await verdict({ key: secret, cost: 0 })).valid).toBe(true);
    expect(await used(secret)).toBe(6);
  });

  it('says why a key would be refused, with the code a proxied call would get', async () => {
    const opened = await system.openAccount('Refusals');
    const { secret: reader } = await system.createKey(opened.account.id, { rules: READ_PRODUCT });
    const { key: revoked, secret: revokedSecret } = await system.createKey(opened.account.id);
    await system.send('keys.revoke', { accountId: opened.account.id, keyId: revoked.id });
    const { secret: officeOnly } = await system.createKey(opened.account.id, {
      allowedHosts: ['203.0.113.0/24'],
    });
    const { secret: oneAMinute } = await system.createKey(opened.account.id, {
      rateLimits: [{ limit: 1, windowSeconds: 60 }],
    });
    const { secret: oneCredit } = await system.createKey(opened.account.id, {
      credits: { remaining: 1 },
    });
    const noAccess = await system.openAccount('No access', 'free');
    const twoCalls = await system.openAccount('Two calls', 'two');
    await system.gatewaysCaughtUp();

    const expectations: Array<[unknown, string, string | null]> = [
      [{ key: 'kg_sk_unknownunknownunknownunknown0000' }, 'UNAUTHORIZED', 'malformed'],
      [{ key: 'an-imported-secret-nobody-has' }, 'UNAUTHORIZED', 'unknown'],
      [{ key: revokedSecret }, 'UNAUTHORIZED', 'revoked'],
      [{ key: officeOnly }, 'FORBIDDEN', 'host_not_allowed'],
      [{ key: officeOnly, clientIp: '203.0.113.9' }, 'VALID', null],
      [
        { key: reader, permission: { resource: 'author', action: 'read' } },
        'FORBIDDEN',
        'missing_permission',
      ],
      [{ key: noAccess.applicationKeys[0].secret }, 'FORBIDDEN', 'plan_without_api_access'],
      [{ key: oneAMinute }, 'VALID', null],
      [{ key: oneAMinute }, 'RATE_LIMITED', 'key_rate_limited'],
      [{ key: oneCredit }, 'VALID', null],
      [{ key: oneCredit }, 'CREDITS_EXHAUSTED', 'credits_exhausted'],
      [{ key: twoCalls.applicationKeys[0].secret, cost: 2 }, 'VALID', null],
      [{ key: twoCalls.applicationKeys[0].secret }, 'QUOTA_EXCEEDED', 'quota_exceeded'],
    ];
    for (const [body, code, reason] of expectations)
      expect(await verdict(body)).toMatchObject({ valid: code === 'VALID', code, reason });

    const limited = await verdict({ key: oneAMinute });
    expect(limited.limits?.retryAfterSeconds).toBeGreaterThan(0);
    // A proxied call gets the same refusal the verification named.
    const proxied = await system.call('/api/v1/content/product', { headers: withKey(oneAMinute) });
    expect(proxied.body.error.code).toBe('RATE_LIMITED');
  });

  it('refuses a caller without the token (403), and a malformed request (400) naming fields', async () => {
    expect((await verify({ key: 'x' }, null)).status).toBe(403);
    expect((await verify({ key: 'x' }, 'not-the-token-not-the-token-not-the-token')).status).toBe(
      403,
    );
    const bad = await verify({ cost: 5000, permission: { resource: 'product', action: 'fly' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'cost',
      'key',
      'permission.action',
    ]);
    const notJson = await system.call('/api/v1/keys/verify', {
      method: 'POST',
      headers: { authorization: `Bearer ${VERIFY_TOKEN}`, 'content-type': 'application/json' },
      body: '{key:',
    });
    expect(notJson.status).toBe(400);
  });
});
