import { ErrorCode, KeyServicePattern, checkpointKeys } from '@keygate/contracts';
import { KeyServiceHarness } from './key-service.harness';

const DAY = 24 * 3600 * 1000;

describe('key service RPC errors', () => {
  const harness = new KeyServiceHarness();
  let accountId: string;
  let applicationKeyId: string;

  beforeAll(async () => {
    await harness.start();
    const opened = await harness.openAccount('Errors');
    accountId = opened.account.id;
    applicationKeyId = opened.applicationKeys[0].key.id;
  });
  afterAll(() => harness.stop());

  it('names every invalid field of a key in one VALIDATION_FAILED', async () => {
    const error = await harness.errorOf(KeyServicePattern.CreateKey, {
      accountId,
      name: '',
      rules: [{ resource: 'product', actions: ['fly'] }],
      allowedHosts: ['not-an-ip', '10.0.0.0/33'],
    });
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(error.fields?.map((f) => f.field).sort()).toEqual([
      'allowedHosts[0]',
      'allowedHosts[1]',
      'name',
      'rules[0].actions[0]',
    ]);
  });

  it('refuses an expiry more than 365 days ahead and one in the past', async () => {
    const far = new Date(harness.clock.now().getTime() + 366 * DAY).toISOString();
    const past = new Date(harness.clock.now().getTime() - 1000).toISOString();
    for (const expiresAt of [far, past]) {
      const error = await harness.errorOf(KeyServicePattern.CreateKey, {
        accountId,
        name: 'k',
        rules: [],
        expiresAt,
      });
      expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
      expect(error.fields?.[0].field).toBe('expiresAt');
    }
  });

  it('refuses a grace period over 7 days', async () => {
    const error = await harness.errorOf(KeyServicePattern.RotateKey, {
      accountId,
      keyId: applicationKeyId,
      gracePeriodSeconds: 604801,
    });
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
  });

  it('refuses an unknown plan and unknown fields', async () => {
    expect(
      (await harness.errorOf(KeyServicePattern.OpenAccount, { name: 'x', plan: 'platinum' })).code,
    ).toBe(ErrorCode.VALIDATION_FAILED);
    expect(
      (await harness.errorOf(KeyServicePattern.OpenAccount, { name: 'x', secret: 'y' })).code,
    ).toBe(ErrorCode.VALIDATION_FAILED);
  });

  it('answers NOT_FOUND for unknown ids and for another account’s key', async () => {
    expect(
      (await harness.errorOf(KeyServicePattern.GetAccount, { accountId: 'acc_nope' })).code,
    ).toBe(ErrorCode.NOT_FOUND);
    expect(
      (await harness.errorOf(KeyServicePattern.RevokeKey, { accountId, keyId: 'key_nope' })).code,
    ).toBe(ErrorCode.NOT_FOUND);
    const other = await harness.openAccount('Other');
    const error = await harness.errorOf(KeyServicePattern.RotateKey, {
      accountId: other.account.id,
      keyId: applicationKeyId,
    });
    expect(error.code).toBe(ErrorCode.NOT_FOUND);
  });

  it('answers NOT_ALLOWED for revoking or deleting an application key', async () => {
    expect(
      (await harness.errorOf(KeyServicePattern.RevokeKey, { accountId, keyId: applicationKeyId }))
        .code,
    ).toBe(ErrorCode.NOT_ALLOWED);
    expect(
      (await harness.errorOf(KeyServicePattern.DeleteKey, { accountId, keyId: applicationKeyId }))
        .code,
    ).toBe(ErrorCode.NOT_ALLOWED);
  });

  it('answers KEY_LIMIT_REACHED past the plan’s maxUserKeys, and frees a slot on revoke', async () => {
    const { account } = await harness.openAccount('Limits', 'starter');
    const keys = [];
    for (let i = 0; i < 5; i++) keys.push(await harness.createKey(account.id));
    const error = await harness.errorOf(KeyServicePattern.CreateKey, {
      accountId: account.id,
      name: 'sixth',
      rules: [],
    });
    expect(error.code).toBe(ErrorCode.KEY_LIMIT_REACHED);
    expect(error.message).toContain('starter');
    await harness.send(KeyServicePattern.RevokeKey, {
      accountId: account.id,
      keyId: keys[0].key.id,
    });
    await expect(harness.createKey(account.id)).resolves.toBeDefined();
  });

  it('counts a key whose expiry has passed as free, and deleted and plan-changed keys right', async () => {
    const { account } = await harness.openAccount('Expiring', 'starter');
    const soon = new Date(harness.clock.now().getTime() + DAY).toISOString();
    const keys = [await harness.createKey(account.id, { expiresAt: soon })];
    for (let i = 0; i < 4; i++) keys.push(await harness.createKey(account.id));
    const refused = () =>
      harness.errorOf(KeyServicePattern.CreateKey, { accountId: account.id, name: 'n', rules: [] });
    expect((await refused()).code).toBe(ErrorCode.KEY_LIMIT_REACHED);

    harness.clock.advance(DAY + 1000); // the first key expires: no event yet, the slot is free
    const sixth = await harness.createKey(account.id);
    expect((await refused()).code).toBe(ErrorCode.KEY_LIMIT_REACHED);

    await harness.send(KeyServicePattern.DeleteKey, { accountId: account.id, keyId: sixth.key.id });
    await expect(harness.createKey(account.id)).resolves.toBeDefined();
    await harness.send(KeyServicePattern.ChangePlan, { accountId: account.id, plan: 'pro' });
    await expect(harness.createKey(account.id)).resolves.toBeDefined();
  });

  it('counts from the read models while the projection checkpoint is missing', async () => {
    const { account } = await harness.openAccount('No checkpoint', 'starter');
    for (let i = 0; i < 5; i++) await harness.createKey(account.id);
    const position = checkpointKeys(harness.env.KEYGATE_EVENT_STREAM).position;
    const saved = await harness.redis.get(position);
    await harness.redis.del(position);
    try {
      const error = await harness.errorOf(KeyServicePattern.CreateKey, {
        accountId: account.id,
        name: 'sixth',
        rules: [],
      });
      expect(error.code).toBe(ErrorCode.KEY_LIMIT_REACHED);
    } finally {
      if (saved) await harness.redis.set(position, saved);
    }
  });

  it('gives a free account no user keys at all', async () => {
    const { account } = await harness.openAccount('Free', 'free');
    expect(
      (
        await harness.errorOf(KeyServicePattern.CreateKey, {
          accountId: account.id,
          name: 'k',
          rules: [],
        })
      ).code,
    ).toBe(ErrorCode.KEY_LIMIT_REACHED);
  });
});
