import { waitFor } from '@keygate/testing';
import { DAY_MS } from '@keygate/usage';
import { KeyHousekeeping } from '../../apps/usage-service/src/housekeeping/key-housekeeping';
import { PanelClient } from '../panel/panel.client';
import { SystemHarness, withKey } from '../system.harness';

const PRODUCTS = '/api/v1/content/product';

/** Why was my call refused? The answer's X-Request-Id finds the record, in the Panel. */
describe('the decision log', () => {
  const system = new SystemHarness({}, { usageService: true });

  beforeAll(() => system.start(2));
  afterAll(() => system.stop());

  it('finds a 403 for a missing permission and a 429 by their X-Request-Id, with the check’s detail, and lists the key’s refusals', async () => {
    const { client } = await PanelClient.signup(system, 'Decisions Co');
    const created = await client.post('/keys', {
      name: 'reader',
      rules: [{ resource: 'product', actions: ['read'] }],
      rateLimits: [{ limit: 1, windowSeconds: 3600 }],
    });
    const keyId = created.body.key.id as string;
    await system.gatewaysCaughtUp();
    const headers = { ...withKey(created.body.secret), 'content-type': 'application/json' };

    const forbidden = await system.call(PRODUCTS, { method: 'POST', headers, body: '{}' });
    expect(forbidden.status).toBe(403);
    expect((await system.call(PRODUCTS, { headers }, system.gateways[0])).status).toBe(200);
    const limited = await system.call(PRODUCTS, { headers }, system.gateways[1]);
    expect(limited.status).toBe(429);

    const recordOf = async (answer: { headers: Headers }) => {
      const id = answer.headers.get('x-request-id')!;
      let found: { status: number; body: { decisions: Array<Record<string, unknown>> } };
      await waitFor(
        async () => (found = await client.get(`/decisions/${id}`)).status === 200,
        10_000,
        50,
      );
      expect(found!.body.decisions).toHaveLength(1);
      return found!.body.decisions[0];
    };
    expect(await recordOf(forbidden)).toMatchObject({
      requestId: forbidden.headers.get('x-request-id'),
      keyId,
      method: 'POST',
      path: PRODUCTS,
      resource: 'product',
      action: 'create',
      code: 'FORBIDDEN',
      reason: 'missing_permission',
      detail: { permission: expect.stringContaining('product') },
    });
    expect(await recordOf(limited)).toMatchObject({
      keyId,
      resource: 'product',
      action: 'read',
      code: 'RATE_LIMITED',
      reason: 'key_rate_limited',
      detail: { scope: 'key', limit: 1, windowSeconds: 3600 },
      gatewayId: expect.stringMatching(/^gw_/),
    });

    const refusals = await client.get(`/keys/${keyId}/decisions?outcome=refused`);
    expect(refusals.status).toBe(200);
    expect(refusals.body.decisions.map((d: { code: string }) => d.code)).toEqual([
      'RATE_LIMITED',
      'FORBIDDEN',
    ]);
    expect(refusals.body.nextCursor).toBeNull();
    // Without an outcome, the admitted call is there too, counted in its minute.
    const listed = await client.get(`/keys/${keyId}/decisions`);
    expect(listed.body.decisions).toHaveLength(3);
    expect(listed.body.decisions).toContainEqual({
      outcome: 'admitted',
      at: expect.stringMatching(/:00\.000Z$/),
      accountId: expect.any(String),
      keyId,
      resource: 'product',
      action: 'read',
      calls: 1,
    });
    const onlyForbidden = await client.get(`/keys/${keyId}/decisions?code=FORBIDDEN&limit=1`);
    expect(onlyForbidden.body.decisions).toHaveLength(1);
    expect(onlyForbidden.body.decisions[0].code).toBe('FORBIDDEN');

    // Another account sees none of it.
    const other = await PanelClient.signup(system, 'Other Co');
    const hidden = await other.client.get(`/decisions/${forbidden.headers.get('x-request-id')}`);
    expect(hidden.status).toBe(404);
    expect((await client.get(`/keys/${keyId}/decisions?limit=0`)).status).toBe(400);

    // Kept DECISION_RETENTION_DAYS (30): the daily housekeeping deletes what is older.
    const housekeeping = system.usageService!.get(KeyHousekeeping);
    expect((await housekeeping.run(Date.now() + 29 * DAY_MS)).prunedDecisions).toBe(0);
    expect(
      (await housekeeping.run(Date.now() + 31 * DAY_MS)).prunedDecisions,
    ).toBeGreaterThanOrEqual(2);
    expect((await client.get(`/keys/${keyId}/decisions?outcome=refused`)).body.decisions).toEqual(
      [],
    );
  });
});
