import { KeyServicePattern, activeUserKeysKey, checkpointKeys } from '@keygate/contracts';
import { ProjectionCheckpoint } from '../src/outbox/projection-checkpoint';
import { EVENT_STORE, EventStore } from '../src/event-store/event-store.port';
import { ReadModelProjector } from '../src/read-models/read-model.projector';
import { KeyServiceHarness } from './key-service.harness';

describe('read models rebuilt from the event store', () => {
  const harness = new KeyServiceHarness();

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  const views = async () => ({
    keys: await harness.mongo.collection('key_views').find({}).sort({ _id: 1 }).toArray(),
    accounts: await harness.mongo.collection('account_views').find({}).sort({ _id: 1 }).toArray(),
  });

  it('equal the live ones after every kind of change', async () => {
    for (const name of ['One', 'Two']) {
      const { account, applicationKeys } = await harness.openAccount(name);
      const a = await harness.createKey(account.id, { allowedHosts: ['192.168.0.0/16'] });
      const b = await harness.createKey(account.id, { type: 'administration' });
      const c = await harness.createKey(account.id, {
        expiresAt: new Date(harness.clock.now().getTime() + 3600_000).toISOString(),
      });
      await harness.send(KeyServicePattern.UpdateKey, {
        accountId: account.id,
        keyId: a.key.id,
        rules: [{ resource: '*', actions: ['read', 'create'] }],
      });
      await harness.send(KeyServicePattern.RotateKey, {
        accountId: account.id,
        keyId: applicationKeys[0].key.id,
        gracePeriodSeconds: 600,
      });
      await harness.send(KeyServicePattern.RevokeKey, { accountId: account.id, keyId: b.key.id });
      await harness.send(KeyServicePattern.DeleteKey, { accountId: account.id, keyId: c.key.id });
      await harness.send(KeyServicePattern.ChangePlan, { accountId: account.id, plan: 'pro' });
    }
    const live = await views();
    expect(live.keys).toHaveLength(14);

    const counts = await harness.app
      .get(ReadModelProjector)
      .rebuild(harness.app.get<EventStore>(EVENT_STORE));
    expect(counts).toEqual({ accounts: 2, keys: 14 });
    expect(await views()).toEqual(live);
  });

  it('rebuild the checkpoint with the same records and active user keys as the live one', async () => {
    const stream = harness.env.KEYGATE_EVENT_STREAM;
    const names = checkpointKeys(stream);
    const accounts = Object.keys(await harness.redis.hgetall(names.accounts));
    const checkpoint = async () => ({
      keys: await harness.redis.hgetall(names.keys),
      accounts: await harness.redis.hgetall(names.accounts),
      secrets: await harness.redis.hgetall(names.secrets),
      active: await Promise.all(
        accounts.map((id) =>
          harness.redis.zrange(activeUserKeysKey(stream, id), 0, -1, 'WITHSCORES'),
        ),
      ),
    });
    const live = await checkpoint();
    expect(live.active.flat().length).toBeGreaterThan(0);

    await harness.app.get(ProjectionCheckpoint).rebuild('0-1');
    expect(await checkpoint()).toEqual(live);
  });
});
