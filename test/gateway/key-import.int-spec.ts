import { KeyServicePattern, KeyView, OpenedAccount } from '@keygate/contracts';
import { generateSecret } from '@keygate/key-secret';
import { SystemHarness, withKey } from '../system.harness';

/** A Keygate secret with its last character changed: a checksum that cannot match. */
const badChecksum = (secret: string) => `${secret.slice(0, -1)}${secret.endsWith('0') ? '1' : '0'}`;

const OPERATOR_TOKEN = 'operator-token-for-the-import-spec';

/** POST /operator/api/accounts/:id/keys/import: how users move their keys from Kong, Tyk or a table. */
describe('key import (Operator API)', () => {
  const system = new SystemHarness({ OPERATOR_TOKEN });
  let opened: OpenedAccount;

  beforeAll(async () => {
    await system.start(1);
    opened = await system.openAccount('Importer'); // starter: 5 user keys at most
  });
  afterAll(() => system.stop());

  const importKeys = (body: unknown, accountId = opened.account.id) =>
    system.call(`/operator/api/accounts/${accountId}/keys/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-operator-token': OPERATOR_TOKEN },
      body: JSON.stringify(body),
    });
  const keysOfAccount = () =>
    system.send<KeyView[]>(KeyServicePattern.ListKeys, { accountId: opened.account.id });
  const reader = (name: string, secret: string) => ({
    name,
    secret,
    rules: [{ resource: 'product', actions: ['read'] }],
  });

  it('imports secrets of any format, answers ids and hints only, and the keys work at once', async () => {
    const kong = 'kong-key-7f3a9c2e1b5d4f60';
    const tyk = 'eyJvcmciOiI1ZTlkOTU0NGExZGNkNjAwMDFkMGVkMjAifQ==';
    const keygate = generateSecret('kg');
    const answer = await importKeys({
      keys: [
        reader('from Kong', kong),
        { ...reader('from Tyk', tyk), allowedHosts: ['127.0.0.1'] },
        { ...reader('from a Keygate export', keygate), type: 'administration' },
      ],
    });
    expect(answer.status).toBe(201);
    expect(answer.body.imported).toBe(3);
    expect(answer.body.keys.map((k: { hint: string }) => k.hint)).toEqual([
      '…4f60',
      '…fQ==',
      `${keygate.slice(0, 10)}…${keygate.slice(-4)}`,
    ]);
    expect(JSON.stringify(answer.body)).not.toContain(kong.slice(5, 15));
    await system.gatewaysCaughtUp();
    for (const secret of [kong, tyk, keygate])
      expect(
        (await system.call('/api/v1/content/product', { headers: withKey(secret) })).status,
      ).toBe(200);
    expect((await system.call('/api/v1/content/category', { headers: withKey(kong) })).status).toBe(
      403,
    );
    const entries = (await system.redis.xrange(system.env.KEYGATE_EVENT_STREAM, '-', '+')) as Array<
      [string, string[]]
    >;
    const imported = entries
      .map(([, fields]) => JSON.parse(fields[1]) as { data: { imported?: boolean; name?: string } })
      .filter((event) => event.data.imported === true);
    expect(imported.map((event) => event.data.name)).toEqual([
      'from Kong',
      'from Tyk',
      'from a Keygate export',
    ]);
    for (const secret of [kong, tyk, keygate])
      expect(JSON.stringify(entries)).not.toContain(secret);
  });

  it('is not held to the plan’s user-key limit', async () => {
    const before = (await keysOfAccount()).length;
    const answer = await importKeys({
      keys: Array.from({ length: 8 }, (_, i) => reader(`bulk ${i}`, `bulk-secret-${i}-0123456789`)),
    });
    expect(answer.status).toBe(201);
    expect((await keysOfAccount()).length).toBe(before + 8);
  });

  it('refuses the whole call, naming every bad key, and writes nothing', async () => {
    const before = (await keysOfAccount()).length;
    const invalid = await importKeys({
      keys: [
        reader('fine', 'a-perfectly-good-secret-1'),
        reader('short', 'too-short'),
        { name: 'bad rules', secret: 'another-good-secret-22', rules: [{ resource: 'x' }] },
        reader('bad checksum', badChecksum(generateSecret('kg'))),
        reader('twice', 'a-perfectly-good-secret-1'),
        { ...reader('past', 'expired-long-ago-secret-1'), expiresAt: '2020-01-01T00:00:00Z' },
      ],
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('VALIDATION_FAILED');
    const fields = invalid.body.error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['keys[1].secret']));
    expect(fields.some((f: string) => f.startsWith('keys[2].rules'))).toBe(true);

    const semantic = await importKeys({
      keys: [
        reader('fine', 'a-perfectly-good-secret-1'),
        reader('bad checksum', badChecksum(generateSecret('kg'))),
        reader('twice', 'a-perfectly-good-secret-1'),
        { ...reader('past', 'expired-long-ago-secret-1'), expiresAt: '2020-01-01T00:00:00Z' },
      ],
    });
    expect(semantic.status).toBe(400);
    expect(semantic.body.error.fields.map((f: { field: string }) => f.field)).toEqual([
      'keys[1].secret',
      'keys[2].secret',
      'keys[3].expiresAt',
    ]);
    expect(JSON.stringify(semantic.body)).not.toContain('a-perfectly-good-secret-1');
    expect((await importKeys({ keys: [] })).status).toBe(400);
    const tooMany = await importKeys({
      keys: Array.from({ length: 5001 }, (_, i) => reader(`k${i}`, `secret-number-${i}-abcdef`)),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.fields[0].field).toBe('keys');
    expect((await keysOfAccount()).length).toBe(before);
  });

  it('answers 409 for a secret a key already has, and writes nothing', async () => {
    const before = (await keysOfAccount()).length;
    const existing = opened.applicationKeys[0].secret;
    const answer = await importKeys({
      keys: [reader('new', 'brand-new-secret-00001'), reader('clash', existing)],
    });
    expect(answer.status).toBe(409);
    expect(answer.body.error.message).toContain('keys[1].secret');
    expect((await keysOfAccount()).length).toBe(before);
  });

  it('needs the operator token and an account that exists', async () => {
    const anonymous = await system.call(`/operator/api/accounts/${opened.account.id}/keys/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ keys: [reader('x', 'some-secret-1234567')] }),
    });
    expect(anonymous.status).toBe(401);
    expect(
      (await importKeys({ keys: [reader('x', 'some-secret-7654321')] }, 'acc_missing')).status,
    ).toBe(404);
  });

  it('imports 1,000 keys in one call', async () => {
    const started = Date.now();
    const answer = await importKeys({
      keys: Array.from({ length: 1000 }, (_, i) =>
        reader(`mass ${i}`, `mass-import-secret-${i}-x9`),
      ),
    });
    const seconds = (Date.now() - started) / 1000;
    expect(answer.status).toBe(201);
    expect(answer.body.imported).toBe(1000);
    console.log(
      `imported 1,000 keys in ${seconds.toFixed(2)} s (${Math.round(1000 / seconds)} keys/s)`,
    );
    await system.gatewaysCaughtUp();
    expect(
      (
        await system.call('/api/v1/content/product', {
          headers: withKey('mass-import-secret-999-x9'),
        })
      ).status,
    ).toBe(200);
  });
});
