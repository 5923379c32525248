import { CheckpointReader, connectMongo } from '@keygate/connections';
import {
  KEY_STREAM_PREFIX,
  KeyServicePattern,
  SYSTEM_ACTOR,
  keyStreamId,
} from '@keygate/contracts';
import { ManualClock } from '@keygate/testing';
import { EventSourcedRepository } from '../src/event-store/event-sourced.repository';
import { MongoEventStore } from '../src/event-store/mongo-event-store.repository';
import { ApiKey } from '../src/keys/api-key.aggregate';
import { KeyServiceHarness } from './key-service.harness';

describe('outbox relay: an event appended just before a crash', () => {
  const harness = new KeyServiceHarness();

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('reaches the stream exactly once after the restart, in version order', async () => {
    const opened = await harness.openAccount('Crash');
    const keyId = opened.applicationKeys[0].key.id;
    await harness.stopService();

    // What the rotate handler does up to the moment the process dies: the append, no publish.
    const mongo = await connectMongo(harness.env.MONGO_URL);
    const repository = new EventSourcedRepository(new MongoEventStore(mongo));
    const key = await repository.load(() => new ApiKey(), keyStreamId(keyId));
    key.rotate({ secretHash: 'f'.repeat(64), hint: 'kg_sk_dead…beef' }, 0, new ManualClock().now());
    const [{ envelope: appended }] = await repository.save(key, key.accountId, SYSTEM_ACTOR);
    await mongo.close();
    expect((await harness.streamEntries()).map((e) => e.event.eventId)).not.toContain(
      appended.eventId,
    );

    await harness.start();
    const afterRestart = (await harness.streamEntries()).filter(
      (e) => e.event.eventId === appended.eventId,
    );
    expect(afterRestart).toHaveLength(1);
    expect(afterRestart[0].event).toEqual(appended);
    expect((await harness.storedEvents()).filter((e) => e.published === false)).toHaveLength(0);
    // The read model caught up too.
    const record = await harness.send<{ secretHash: string; version: number }>(
      KeyServicePattern.GetKeyRecord,
      { keyId },
    );
    expect(record).toMatchObject({ secretHash: 'f'.repeat(64), version: 2 });

    // A second restart publishes nothing again.
    await harness.stopService();
    await harness.start();
    expect(
      (await harness.streamEntries()).filter((e) => e.event.eventId === appended.eventId),
    ).toHaveLength(1);
    const keyEntries = (await harness.streamEntries()).filter(
      (e) =>
        e.event.streamId.startsWith(KEY_STREAM_PREFIX) && e.event.streamId === keyStreamId(keyId),
    );
    expect(keyEntries.map((e) => e.event.version)).toEqual([1, 2]);
  });

  it('publishes a backlog larger than one write command may carry, each event once', async () => {
    const opened = await harness.openAccount('Backlog');
    const keyId = opened.applicationKeys[0].key.id;
    await harness.stopService();

    const mongo = await connectMongo(harness.env.MONGO_URL);
    const repository = new EventSourcedRepository(new MongoEventStore(mongo));
    const clock = new ManualClock();
    const appendedIds: string[] = [];
    for (let i = 0; i < 70; i++) {
      const key = await repository.load(() => new ApiKey(), keyStreamId(keyId));
      key.rotate({ secretHash: i.toString(16).padStart(64, '0'), hint: 'kg_sk_…' }, 0, clock.now());
      const [{ envelope: appended }] = await repository.save(key, key.accountId, SYSTEM_ACTOR);
      appendedIds.push(appended.eventId);
    }
    await mongo.close();

    await harness.start();
    const published = (await harness.streamEntries()).filter((e) =>
      appendedIds.includes(e.event.eventId),
    );
    expect(published.map((e) => e.event.eventId)).toEqual(appendedIds);
    expect((await harness.storedEvents()).filter((e) => e.published === false)).toHaveLength(0);
  });
});

describe('outbox relay: an import cut off by a crash', () => {
  const harness = new KeyServiceHarness();

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  const importedKey = (accountId: string, secretHash: string) => {
    const key = ApiKey.importUserKey(
      {
        keyId: `key_${secretHash.slice(0, 16)}`,
        accountId,
        name: 'imported',
        type: 'standard',
        rules: [{ resource: 'product', actions: ['read'] }],
        expiresAt: null,
        allowedHosts: [],
        secretHash,
        hint: '…abcd',
      },
      new ManualClock().now(),
    );
    return {
      streamId: key.streamId,
      expectedVersion: 0,
      accountId,
      actor: SYSTEM_ACTOR,
      events: key.takePendingEvents(),
    };
  };

  it('publishes a batch that was stored but not published, at the restart, once', async () => {
    const { account } = await harness.openAccount('Import crash');
    await harness.stopService();
    // What the import handler does up to the moment the process dies: the batch stored, ready.
    const mongo = await connectMongo(harness.env.MONGO_URL);
    const batch = await new MongoEventStore(mongo).appendImportBatch(
      ['a', 'b', 'c'].map((c) => importedKey(account.id, c.repeat(64))),
    );
    await mongo.close();

    await harness.start();
    const published = (await harness.streamEntries()).filter((e) =>
      batch.events.some((event) => event.eventId === e.event.eventId),
    );
    expect(published).toHaveLength(3);
    const reader = new CheckpointReader(harness.redis, harness.env.KEYGATE_EVENT_STREAM);
    expect((await reader.key(`key_${'a'.repeat(16)}`))?.record).toMatchObject({
      status: 'active',
    });
    // A second restart publishes nothing again.
    await harness.stopService();
    await harness.start();
    expect(
      (await harness.streamEntries()).filter((e) =>
        batch.events.some((event) => event.eventId === e.event.eventId),
      ),
    ).toHaveLength(3);
  });

  it('discards a batch cut off while its events were being written', async () => {
    const { account } = await harness.openAccount('Half an import');
    const events = harness.mongo.collection('events');
    await harness.mongo.collection('import_batches').insertOne({
      _id: 'imp_halfwritten' as never,
      accountId: account.id,
      events: 2,
      state: 'writing',
      createdAt: new Date().toISOString(),
    });
    const [half] = importedKey(account.id, 'd'.repeat(64)).events;
    await events.insertOne({
      eventId: 'evt_half',
      streamId: keyStreamId(`key_${'d'.repeat(16)}`),
      version: 1,
      ...half,
      actor: SYSTEM_ACTOR,
      accountId: account.id,
      published: true,
      batch: 'imp_halfwritten',
    });
    const answer = await harness.send<{ imported: number }>(KeyServicePattern.ImportKeys, {
      accountId: account.id,
      keys: [
        {
          name: 'after',
          secret: 'a-secret-after-the-crash',
          rules: [{ resource: 'x', actions: ['read'] }],
        },
      ],
    });
    expect(answer.imported).toBe(1);
    expect(await events.countDocuments({ batch: 'imp_halfwritten' })).toBe(0);
    expect(
      await harness.mongo
        .collection('import_batches')
        .countDocuments({ _id: 'imp_halfwritten' as never }),
    ).toBe(0);
  });
});
