import { SystemHarness, withKey } from '../system.harness';

const META = { customer: 'acme-42', tier: 'gold', seats: 12, tags: ['eu', 'beta'] };

/** The upstream's view of a call: the echo upstream answers with the headers it got. */
async function upstreamHeaders(system: SystemHarness, secret: string) {
  const answer = await system.call('/api/v1/content/product', { headers: withKey(secret) });
  expect(answer.status).toBe(200);
  return answer.body.headers as Record<string, string | undefined>;
}

describe('key metadata', () => {
  const system = new SystemHarness();

  beforeAll(() => system.start());
  afterAll(() => system.stop());

  it('is kept with the key, answered by auth-context, and not sent upstream by default', async () => {
    const opened = await system.openAccount('Meta Co');
    const { key, secret } = await system.createKey(opened.account.id, { meta: META });
    expect(key.meta).toEqual(META);
    await system.gatewaysCaughtUp();
    const context = await system.call('/api/auth-context', { headers: withKey(secret) });
    expect(context.body.key.meta).toEqual(META);
    expect((await upstreamHeaders(system, secret))['x-keygate-key-meta']).toBeUndefined();

    const changed = { customer: 'acme-42', tier: 'platinum' };
    await system.send('keys.update', {
      accountId: opened.account.id,
      keyId: key.id,
      meta: changed,
    });
    await system.gatewaysCaughtUp();
    const after = await system.call('/api/auth-context', { headers: withKey(secret) });
    expect(after.body.key.meta).toEqual(changed);
  });

  it('refuses metadata over 8 KB, or not an object, naming meta, and stores no key', async () => {
    const opened = await system.openAccount('Too much');
    const before = await system.send('keys.list', { accountId: opened.account.id });
    for (const meta of [{ notes: 'x'.repeat(8200) }, ['a', 'b'], 'text']) {
      const refusal = (await system
        .createKey(opened.account.id, { meta })
        .catch((error: unknown) => error)) as { code: string; fields: Array<{ field: string }> };
      expect(refusal.code).toBe('VALIDATION_FAILED');
      expect(refusal.fields.map((f) => f.field)).toEqual(['meta']);
    }
    expect(await system.send('keys.list', { accountId: opened.account.id })).toEqual(before);
  });

  it('comes with an imported key too', async () => {
    const opened = await system.openAccount('Imported meta');
    const secret = 'legacy-kong-secret-0000000001';
    await system.send('keys.import', {
      accountId: opened.account.id,
      keys: [
        { name: 'Legacy', secret, rules: [{ resource: 'product', actions: ['read'] }], meta: META },
      ],
    });
    await system.gatewaysCaughtUp();
    const context = await system.call('/api/auth-context', { headers: withKey(secret) });
    expect(context.body.key.meta).toEqual(META);
  });
});

describe('key metadata sent upstream (FORWARD_KEY_META=true)', () => {
  const system = new SystemHarness({ FORWARD_KEY_META: 'true' });

  beforeAll(() => system.start());
  afterAll(() => system.stop());

  it('reaches the upstream as base64url JSON in X-Keygate-Key-Meta, and a client cannot forge it', async () => {
    const opened = await system.openAccount('Forwarded');
    const { secret } = await system.createKey(opened.account.id, { meta: META });
    const { secret: plain } = await system.createKey(opened.account.id);
    await system.gatewaysCaughtUp();
    const sent = (await upstreamHeaders(system, secret))['x-keygate-key-meta'];
    expect(JSON.parse(Buffer.from(sent!, 'base64url').toString('utf8'))).toEqual(META);

    const forged = await system.call('/api/v1/content/product', {
      headers: { ...withKey(plain), 'x-keygate-key-meta': 'eyJ0aWVyIjoiZ29sZCJ9' },
    });
    expect(forged.body.headers['x-keygate-key-meta']).toBeUndefined();
  });
});
