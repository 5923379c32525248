import { CLOCK } from '@keygate/contracts';
import { ManualClock } from '@keygate/testing';
import { DAY_MS } from '@keygate/usage';
import { SystemHarness, withKey } from '../system.harness';

const OPERATOR_TOKEN = 'operator-token-for-tests-0002';

/** Credits, as a client and an operator see them: across gateways, refilled, topped up. */
describe('credits at the gateways', () => {
  const system = new SystemHarness({ OPERATOR_TOKEN }, { usageService: true });

  beforeAll(() => system.start(2));
  afterAll(() => system.stop());

  const read = (secret: string, gateway = system.gateways[0]) =>
    system.call('/api/v1/content/product', { headers: withKey(secret) }, gateway);

  const changeCredits = (accountId: string, keyId: string, body: unknown) =>
    system.call(`/operator/api/accounts/${accountId}/keys/${keyId}/credits`, {
      method: 'PATCH',
      headers: { 'x-operator-token': OPERATOR_TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('admits exactly 500 of 1,000 concurrent calls against 500 credits, across two gateways', async () => {
    const opened = await system.openAccount('Five hundred');
    const { secret } = await system.createKey(opened.account.id, { credits: { remaining: 500 } });
    await system.gatewaysCaughtUp();
    const answers = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => read(secret, system.gateways[i % 2])),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(500);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(500);
    expect(refused[0].body.error.code).toBe('CREDITS_EXHAUSTED');
    expect(refused[0].headers.get('retry-after')).toBeNull(); // no refill: until topped up
    expect(refused[0].headers.get('ratelimit-policy')).toBe('100000;w=2592000');
    // A refused call took nothing from the quota either.
    const context = await system.call('/api/auth-context', { headers: withKey(secret) });
    expect(context.body.usage.used).toBe(500);
    expect(context.body.credits).toEqual({ remaining: 0, nextRefillAt: null });
    // What the Panel lists: nothing left, no refill.
    const usage = await system.send<Array<{ credits: unknown }>>('usage.keys', {
      accountId: opened.account.id,
    });
    expect(usage.map((u) => u.credits)).toContainEqual({ remaining: 0, nextRefillAt: null });
  });

  it('lets the operator top up, set and lift credits, each change an event applied once', async () => {
    const opened = await system.openAccount('Topped up');
    const { key, secret } = await system.createKey(opened.account.id, {
      credits: { remaining: 1 },
    });
    await system.gatewaysCaughtUp();
    expect((await read(secret)).status).toBe(200);
    expect((await read(secret)).status).toBe(429);

    const topped = await changeCredits(opened.account.id, key.id, { add: 2 });
    expect(topped.status).toBe(200);
    expect(topped.body.key.credits).toMatchObject({ set: { amount: 1 }, added: 2 });
    await system.gatewaysCaughtUp();
    const afterAdd = await Promise.all([0, 1, 2].map((i) => read(secret, system.gateways[i % 2])));
    expect(afterAdd.map((a) => a.status).sort()).toEqual([200, 200, 429]);

    expect((await changeCredits(opened.account.id, key.id, { set: 1 })).status).toBe(200);
    await system.gatewaysCaughtUp();
    expect((await read(secret, system.gateways[1])).status).toBe(200);
    expect((await read(secret, system.gateways[0])).status).toBe(429);

    expect((await changeCredits(opened.account.id, key.id, { unlimited: true })).status).toBe(200);
    await system.gatewaysCaughtUp();
    const unlimited = await Promise.all([0, 1, 2].map((i) => read(secret, system.gateways[i % 2])));
    expect(unlimited.map((a) => a.status)).toEqual([200, 200, 200]);

    const audit = await system.send<{ events: Array<{ type: string }> }>('audit.list', {
      accountId: opened.account.id,
    });
    expect(audit.events.filter((e) => e.type === 'KeyCreditsChanged')).toHaveLength(3);
  });

  it('refuses a bad change with a 400 naming the field, and an unknown token with 401', async () => {
    const opened = await system.openAccount('Bad change');
    const { key } = await system.createKey(opened.account.id);
    const both = await changeCredits(opened.account.id, key.id, { set: 1, add: 1 });
    expect(both.status).toBe(400);
    const negative = await changeCredits(opened.account.id, key.id, { set: -1 });
    expect(negative.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['set']);
    const anonymous = await system.call(
      `/operator/api/accounts/${opened.account.id}/keys/${key.id}/credits`,
      { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"add":1}' },
    );
    expect(anonymous.status).toBe(401);
  });

  it('refills a day after the key was made, by the gateway’s clock', async () => {
    const clock = new ManualClock();
    const gateway = await system.startGateway({}, [{ provide: CLOCK, useValue: clock }]);
    const opened = await system.openAccount('Daily');
    const { secret } = await system.createKey(opened.account.id, {
      credits: { remaining: 2, refill: { amount: 3, every: 'day' } },
    });
    await system.gatewaysCaughtUp();
    for (const expected of [200, 200, 429])
      expect((await read(secret, gateway)).status).toBe(expected);
    const refused = await read(secret, gateway);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(DAY_MS / 1000 - 60);

    clock.advance(DAY_MS + 60_000); // the key was made a moment after this clock started
    for (const expected of [200, 200, 200, 429])
      expect((await read(secret, gateway)).status).toBe(expected);
    await system.stopGateway(gateway);
  });
});
