import { CLOCK, KeyServicePattern, OpenedAccount } from '@keygate/contracts';
import { generateSecret } from '@keygate/key-secret';
import { ManualClock } from '@keygate/testing';
import { RunningGateway, SystemHarness, withKey } from '../system.harness';

describe('gateway authentication', () => {
  const system = new SystemHarness();
  let opened: OpenedAccount;
  let readWrite: string;
  /** A gateway on a clock the specs move: expiry and grace without waiting for them. */
  const clock = new ManualClock();
  let clockedGateway: RunningGateway;

  beforeAll(async () => {
    await system.start();
    clockedGateway = await system.startGateway({}, [{ provide: CLOCK, useValue: clock }]);
    opened = await system.openAccount('Auth', 'pro');
    readWrite = opened.applicationKeys[0].secret;
    await system.gatewaysCaughtUp();
  });
  afterAll(() => system.stop());
  // Each spec starts the moved clock at the key service's (real) time.
  beforeEach(() => clock.set(new Date()));

  it.each([
    ['X-AUTH-TOKEN header', (k: string) => ({ headers: { 'X-AUTH-TOKEN': k } })],
    ['Authorization: Bearer', (k: string) => ({ headers: { Authorization: `Bearer ${k}` } })],
    ['api-key header', (k: string) => ({ headers: { 'api-key': k } })],
  ])('accepts a key in the %s', async (_where, options) => {
    const { status, body } = await system.call('/api/v1/content/product', options(readWrite));
    expect(status).toBe(200);
    expect(body.headers['x-keygate-account']).toBe(opened.account.id);
  });

  it('accepts a key in the auth_token query parameter and does not forward it', async () => {
    const { status, body } = await system.call(
      `/api/v1/content/product?limit=5&auth_token=${readWrite}&page=2`,
    );
    expect(status).toBe(200);
    expect(body.url).toBe('/api/v1/content/product?limit=5&page=2');
  });

  it('ignores credential locations switched off in the configuration', async () => {
    const strict = await system.startGateway({
      AUTH_QUERY_PARAM: 'false',
      AUTH_HEADER_API_KEY: 'false',
    });
    expect(
      (await system.call(`/api/v1/content/product?auth_token=${readWrite}`, {}, strict)).status,
    ).toBe(401);
    expect(
      (await system.call('/api/v1/content/product', { headers: { 'api-key': readWrite } }, strict))
        .status,
    ).toBe(401);
    expect(
      (await system.call('/api/v1/content/product', { headers: withKey(readWrite) }, strict))
        .status,
    ).toBe(200);
    await system.stopGateway(strict);
  });

  it('answers 401 UNAUTHORIZED without a key', async () => {
    const { status, body } = await system.call('/api/v1/content/product');
    expect(status).toBe(401);
    expect(body).toEqual({
      success: false,
      error: { code: 'UNAUTHORIZED', message: expect.stringContaining('Missing API key') },
    });
  });

  it('answers 401 for a malformed key and for a well-formed unknown one, never echoing it', async () => {
    const mistyped = readWrite.slice(0, -1) + (readWrite.endsWith('a') ? 'b' : 'a');
    const malformed = await system.call('/api/v1/content/product', { headers: withKey(mistyped) });
    expect(malformed.status).toBe(401);
    expect(malformed.body.error.message).toBe('Malformed API key');
    const unknown = generateSecret('kg');
    const answer = await system.call('/api/v1/content/product', { headers: withKey(unknown) });
    expect(answer.status).toBe(401);
    expect(answer.body.error.message).toBe('Unknown API key');
    expect(JSON.stringify(answer.body)).not.toContain(unknown);
  });

  it('answers 401 for a revoked key', async () => {
    const { key, secret } = await system.createKey(opened.account.id);
    await system.gatewaysCaughtUp();
    expect(
      (await system.call('/api/v1/content/product', { headers: withKey(secret) })).status,
    ).toBe(200);
    await system.send(KeyServicePattern.RevokeKey, { accountId: opened.account.id, keyId: key.id });
    await system.gatewaysCaughtUp();
    const { status, body } = await system.call('/api/v1/content/product', {
      headers: withKey(secret),
    });
    expect(status).toBe(401);
    expect(body.error.message).toBe('API key revoked');
  });

  it('answers 401 for an expired key by the clock, before any expiry event', async () => {
    const { secret } = await system.createKey(opened.account.id, {
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await system.gatewaysCaughtUp();
    const call = () =>
      system.call('/api/v1/content/product', { headers: withKey(secret) }, clockedGateway);
    expect((await call()).status).toBe(200);
    clock.advance(3_600_000 + 1_000);
    const { status, body } = await call();
    expect(status).toBe(401);
    expect(body.error.message).toBe('API key expired');
  });

  it('keeps the old secret working during a rotation grace period, then refuses it', async () => {
    const { key, secret: old } = await system.createKey(opened.account.id);
    const rotated = await system.send<{ secret: string }>(KeyServicePattern.RotateKey, {
      accountId: opened.account.id,
      keyId: key.id,
      gracePeriodSeconds: 60,
    });
    await system.gatewaysCaughtUp();
    const call = (secret: string) =>
      system.call('/api/v1/content/product', { headers: withKey(secret) }, clockedGateway);
    expect((await call(old)).status).toBe(200);
    expect((await call(rotated.secret)).status).toBe(200);
    clock.advance(61_000);
    const { status, body } = await call(old);
    expect(status).toBe(401);
    expect(body.error.message).toContain('regenerated');
    expect((await call(rotated.secret)).status).toBe(200);
  });

  it('drops the old secret at once after a rotation without grace', async () => {
    const { key, secret: old } = await system.createKey(opened.account.id);
    await system.send(KeyServicePattern.RotateKey, { accountId: opened.account.id, keyId: key.id });
    await system.gatewaysCaughtUp();
    expect((await system.call('/api/v1/content/product', { headers: withKey(old) })).status).toBe(
      401,
    );
  });

  it('answers 403 FORBIDDEN for a plan without API access, naming the plan', async () => {
    const free = await system.openAccount('Free', 'free');
    await system.gatewaysCaughtUp();
    const { status, body } = await system.call('/api/v1/content/product', {
      headers: withKey(free.applicationKeys[0].secret),
    });
    expect(status).toBe(403);
    expect(body.error).toEqual({
      code: 'FORBIDDEN',
      message: expect.stringContaining('free plan'),
    });
  });

  it('lets a plan change reach the gateway through the event stream', async () => {
    const free = await system.openAccount('Upgrader', 'free');
    await system.send(KeyServicePattern.ChangePlan, { accountId: free.account.id, plan: 'pro' });
    await system.gatewaysCaughtUp();
    expect(
      (
        await system.call('/api/v1/content/product', {
          headers: withKey(free.applicationKeys[0].secret),
        })
      ).status,
    ).toBe(200);
  });

  it('answers the key context at /api/auth-context', async () => {
    const { key, secret } = await system.createKey(opened.account.id, {
      allowedHosts: ['127.0.0.1'],
    });
    await system.gatewaysCaughtUp();
    const { status, body } = await system.call('/api/auth-context', { headers: withKey(secret) });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      account: { id: opened.account.id, name: 'Auth', plan: 'pro' },
      key: {
        id: key.id,
        kind: 'user',
        type: 'standard',
        rules: [{ resource: 'product', actions: ['read'] }],
        allowedHosts: ['127.0.0.1'],
      },
      usage: { windowDays: 30, limit: 1000000 },
    });
  });
});
