import { AccountView, EventPage, KeyRecord, KeyServicePattern, KeyView } from '@keygate/contracts';
import { CheckpointReader } from '@keygate/connections';
import { KeyServiceHarness } from './key-service.harness';

describe('key service RPC round trips', () => {
  const harness = new KeyServiceHarness();

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('opens an account with its application key pairs (live, test), secrets shown once', async () => {
    const opened = await harness.openAccount('Acme');
    expect(opened.account).toMatchObject({ name: 'Acme', plan: 'starter', version: 1 });
    expect(opened.applicationKeys.map((k) => `${k.key.environment} ${k.key.access}`)).toEqual([
      'live read-write',
      'live read-only',
      'test read-write',
      'test read-only',
    ]);
    for (const { key, secret } of opened.applicationKeys) {
      expect(secret).toMatch(
        key.environment === 'test' ? /^kg_test_[0-9A-Za-z]{38}$/ : /^kg_sk_[0-9A-Za-z]{38}$/,
      );
      const head = key.environment === 'test' ? 'kg_test_' : 'kg_sk_';
      expect(key.hint).toBe(
        `${head}${secret.slice(head.length, head.length + 4)}…${secret.slice(-4)}`,
      );
      expect(key).toMatchObject({ kind: 'application', status: 'active' });
    }
  });

  it('changes and reads an account plan', async () => {
    const { account } = await harness.openAccount('Plan Co');
    const changed = await harness.send<AccountView>(KeyServicePattern.ChangePlan, {
      accountId: account.id,
      plan: 'pro',
    });
    expect(changed).toMatchObject({ plan: 'pro', version: 2 });
    expect(
      await harness.send<AccountView>(KeyServicePattern.GetAccount, { accountId: account.id }),
    ).toMatchObject({ plan: 'pro' });
  });

  it('creates, lists, reads, updates, rotates, revokes and deletes a user key', async () => {
    const { account } = await harness.openAccount('Lifecycle');
    const created = await harness.createKey(account.id, {
      type: 'administration',
      allowedHosts: ['10.0.0.0/8', '::1'],
    });
    expect(created.key).toMatchObject({
      kind: 'user',
      type: 'administration',
      status: 'active',
      allowedHosts: ['10.0.0.0/8', '::1'],
    });

    const listed = await harness.send<KeyView[]>(KeyServicePattern.ListKeys, {
      accountId: account.id,
    });
    expect(listed.map((k) => k.kind)).toEqual([
      'application',
      'application',
      'application',
      'application',
      'user',
    ]);

    const read = await harness.send<KeyView>(KeyServicePattern.GetKey, {
      accountId: account.id,
      keyId: created.key.id,
    });
    expect(read.name).toBe('Product reader');

    const updated = await harness.send<KeyView>(KeyServicePattern.UpdateKey, {
      accountId: account.id,
      keyId: created.key.id,
      name: 'Renamed',
    });
    expect(updated).toMatchObject({ name: 'Renamed', version: 2 });

    const rotated = await harness.send<{ key: KeyView; secret: string }>(
      KeyServicePattern.RotateKey,
      {
        accountId: account.id,
        keyId: created.key.id,
        gracePeriodSeconds: 60,
      },
    );
    expect(rotated.secret).not.toBe(created.secret);
    const record = await harness.send<KeyRecord>(KeyServicePattern.GetKeyRecord, {
      keyId: created.key.id,
    });
    expect(record.previousSecretHash).not.toBeNull();

    const revoked = await harness.send<KeyView>(KeyServicePattern.RevokeKey, {
      accountId: account.id,
      keyId: created.key.id,
    });
    expect(revoked.status).toBe('revoked');
    const listedAfterRevoke = await harness.send<KeyView[]>(KeyServicePattern.ListKeys, {
      accountId: account.id,
    });
    expect(listedAfterRevoke.find((k) => k.id === created.key.id)?.status).toBe('revoked');

    await harness.send(KeyServicePattern.DeleteKey, {
      accountId: account.id,
      keyId: created.key.id,
    });
    const listedAfterDelete = await harness.send<KeyView[]>(KeyServicePattern.ListKeys, {
      accountId: account.id,
    });
    expect(listedAfterDelete.map((k) => k.id)).not.toContain(created.key.id);
  });

  it('keeps the projection checkpoint of every key and account at the stream position', async () => {
    const { account } = await harness.openAccount('Checkpoint');
    const { key } = await harness.createKey(account.id);
    const reader = new CheckpointReader(harness.redis, harness.env.KEYGATE_EVENT_STREAM);
    const entries = await harness.streamEntries();
    expect(await reader.position()).toBe(entries[entries.length - 1].id);
    expect(await reader.account(account.id)).toMatchObject({ plan: 'starter', version: 1 });
    expect((await reader.key(key.id))?.record).toMatchObject({
      status: 'active',
      version: 1,
      secretHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    await harness.send(KeyServicePattern.DeleteKey, { accountId: account.id, keyId: key.id });
    expect(await reader.key(key.id)).toEqual({ version: 2, record: null });
  });

  it('lists the account audit trail newest first, page by page', async () => {
    const { account } = await harness.openAccount('Audit');
    await harness.createKey(account.id);
    const first = await harness.send<EventPage>(KeyServicePattern.AccountEvents, {
      accountId: account.id,
      limit: 2,
    });
    expect(first.events.map((e) => e.type)).toEqual(['KeyCreated', 'AccountOpened']);
    expect(first.events[0].data).toMatchObject({ kind: 'user' });
    const second = await harness.send<EventPage>(KeyServicePattern.AccountEvents, {
      accountId: account.id,
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.events.map((e) => e.type)).toEqual(['KeyCreated', 'KeyCreated']);
    expect(second.events.map((e) => (e.data as { kind: string }).kind)).toEqual([
      'application',
      'application',
    ]);
    const third = await harness.send<EventPage>(KeyServicePattern.AccountEvents, {
      accountId: account.id,
      limit: 2,
      cursor: second.nextCursor,
    });
    expect(third.events.map((e) => (e.data as { environment?: string }).environment)).toEqual([
      undefined,
      undefined,
    ]);
    expect(third.nextCursor).toBeNull();
  });

  it('answers a health check', async () => {
    expect(await harness.send(KeyServicePattern.Health)).toEqual({
      status: 'ok',
      service: 'key-service',
    });
  });
});
