import { CheckpointReader, connectMongo } from '@keygate/connections';
import {
  KEY_STREAM_PREFIX,
  KeyServicePattern,
  SYSTEM_ACTOR,
  keyStreamId,
} from '@keygate/contracts';
import { ManualClock, waitFor } from '@keygate/testing';
import { EventSourcedRepository } from '../src/event-store/event-sourced.repository';
import { MongoEventStore } from '../src/event-store/mongo-event-store.repository';
import { ApiKey } from '../src/domain/api-key.aggregate';
import { plainKeyInput } from './key-input';
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
    const [appended] = await repository.save(key, key.accountId, SYSTEM_ACTOR);
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
    expect(await harness.outboxEntries()).toHaveLength(0);
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
      const [appended] = await repository.save(key, key.accountId, SYSTEM_ACTOR);
      appendedIds.push(appended.eventId);
    }
    await mongo.close();

    await harness.start();
    const published = (await harness.streamEntries()).filter((e) =>
      appendedIds.includes(e.event.eventId),
    );
    expect(published.map((e) => e.event.eventId)).toEqual(appendedIds);
    expect(await harness.outboxEntries()).toHaveLength(0);
  });
});

describe('outbox relay: appends of another writer, while the service runs', () => {
  const harness = new KeyServiceHarness();

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  /** A second writer (another key service's store), rotating the key once without publishing. */
  async function rotateElsewhere(keyId: string, hashDigit: string) {
    const mongo = await connectMongo(harness.env.MONGO_URL);
    const store = new MongoEventStore(mongo);
    const repository = new EventSourcedRepository(store);
    const key = await repository.load(() => new ApiKey(), keyStreamId(keyId));
    key.rotate({ secretHash: hashDigit.repeat(64), hint: 'kg_sk_…' }, 0, new ManualClock().now());
    const [appended] = await repository.save(key, key.accountId, SYSTEM_ACTOR);
    return { mongo, store, appended };
  }
  const onStream = async (eventId: string) =>
    (await harness.streamEntries()).filter((e) => e.event.eventId === eventId).length;
  const presenceKey = (writer: string) =>
    `{${harness.env.KEYGATE_EVENT_STREAM}}:outbox-writer:${writer}`;

  it('leaves a live writer its append, and publishes it once the writer is gone', async () => {
    const { applicationKeys } = await harness.openAccount('Dead writer');
    const keyId = applicationKeys[0].key.id;
    const alive = await rotateElsewhere(keyId, '1');
    await harness.redis.set(presenceKey(alive.store.writer), '1');
    await alive.mongo.close();
    // A writer that is gone (no presence) appends after it: the pass of the relay that publishes
    // this entry has read the live writer's entry too, and left it.
    const gone = await rotateElsewhere(applicationKeys[1].key.id, '3');
    await gone.mongo.close();
    await waitFor(async () => (await onStream(gone.appended.eventId)) > 0, 12_000);
    expect(await onStream(alive.appended.eventId)).toBe(0); // its writer may still publish it

    await harness.redis.del(presenceKey(alive.store.writer)); // the writer is gone now
    await waitFor(async () => (await onStream(alive.appended.eventId)) > 0, 12_000);
    await waitFor(async () => (await harness.outboxEntries()).length === 0);
    expect(await onStream(alive.appended.eventId)).toBe(1);
    const record = await harness.send<{ secretHash: string; version: number }>(
      KeyServicePattern.GetKeyRecord,
      { keyId },
    );
    expect(record).toMatchObject({ secretHash: '1'.repeat(64), version: 2 });
  });

  it('drops an entry whose writer died before storing its events: nothing is published', async () => {
    const { applicationKeys } = await harness.openAccount('Half an append');
    const keyId = applicationKeys[0].key.id;
    const before = (await harness.streamEntries()).length;
    await harness.mongo.collection('outbox').insertOne({
      _id: 'out_neverstored' as never,
      writer: 'wr_gonebeforeitsevents',
      streamId: keyStreamId(keyId),
      createdAt: new Date().toISOString(),
      events: [
        {
          eventId: 'evt_neverstored',
          streamId: keyStreamId(keyId),
          version: 2,
          type: 'KeyRevoked',
          schemaVersion: 1,
          occurredAt: new Date().toISOString(),
          actor: SYSTEM_ACTOR,
          data: { keyId },
          accountId: 'acc_x',
        },
      ],
    });
    await waitFor(async () => (await harness.outboxEntries()).length === 0, 12_000);
    expect((await harness.streamEntries()).length).toBe(before);
    expect(await onStream('evt_neverstored')).toBe(0);
    const record = await harness.send<{ status: string; version: number }>(
      KeyServicePattern.GetKeyRecord,
      { keyId },
    );
    expect(record).toMatchObject({ status: 'active', version: 1 });
  });

  it('publishes an entry found again after its publication (its removal failed) no second time', async () => {
    const { applicationKeys } = await harness.openAccount('Published twice');
    const keyId = applicationKeys[0].key.id;
    const [entry] = await harness.mongo
      .collection('outbox')
      .find({})
      .toArray()
      .then(async (left) => {
        expect(left).toHaveLength(0);
        const other = await rotateElsewhere(keyId, '2');
        await other.mongo.close();
        return harness.mongo.collection('outbox').find({}).toArray();
      });
    await waitFor(async () => (await harness.outboxEntries()).length === 0, 12_000);
    const eventId = (entry.events as Array<{ eventId: string }>)[0].eventId;
    expect(await onStream(eventId)).toBe(1);

    await harness.mongo.collection('outbox').insertOne(entry);
    await waitFor(async () => (await harness.outboxEntries()).length === 0, 12_000);
    expect(await onStream(eventId)).toBe(1);
  });
});

describe('outbox relay: an import cut off by a crash', () => {
  const harness = new KeyServiceHarness();

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  const importedKey = (accountId: string, secretHash: string) => {
    const key = ApiKey.importUserKey(
      {
        ...plainKeyInput,
        keyId: `key_${secretHash.slice(0, 16)}`,
        accountId,
        name: 'imported',
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
