import { KeyServicePattern, keyStreamId } from '@keygate/contracts';
import { KeyServiceHarness } from './key-service.harness';
import { EventSourcedRepository } from '../src/event-store/event-sourced.repository';
import { ConcurrencyError, EVENT_STORE, EventStore } from '../src/event-store/event-store.port';
import { ApiKey } from '../src/domain/api-key.aggregate';

describe('optimistic concurrency on the event store', () => {
  const harness = new KeyServiceHarness();

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('lets exactly one of two appends at the same version win', async () => {
    const opened = await harness.openAccount('Race');
    const keyId = opened.applicationKeys[0].key.id;
    const repository = harness.app.get(EventSourcedRepository);
    const [a, b] = await Promise.all(
      [1, 2].map(() => repository.load(() => new ApiKey(), keyStreamId(keyId))),
    );
    a.rotate({ secretHash: 'a'.repeat(64), hint: 'a' }, 0, new Date());
    b.rotate({ secretHash: 'b'.repeat(64), hint: 'b' }, 0, new Date());
    const results = await Promise.allSettled([
      repository.save(a, a.accountId, { type: 'system' }),
      repository.save(b, b.accountId, { type: 'system' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConcurrencyError);
    const stream = await harness.app.get<EventStore>(EVENT_STORE).readStream(keyStreamId(keyId));
    expect(stream.map((e) => e.version)).toEqual([1, 2]);
  });

  it('retries a rotation that lost the race against the new state: both succeed, versions stay unique', async () => {
    const opened = await harness.openAccount('Rotations');
    const keyId = opened.applicationKeys[1].key.id;
    const rotate = () =>
      harness.send<{ key: { version: number }; secret: string }>(KeyServicePattern.RotateKey, {
        accountId: opened.account.id,
        keyId,
      });
    const [first, second] = await Promise.all([rotate(), rotate()]);
    expect([first.key.version, second.key.version].sort()).toEqual([2, 3]);
    expect(first.secret).not.toBe(second.secret);

    const events = (await harness.storedEvents()).filter((e) => e.streamId === keyStreamId(keyId));
    expect(events.map((e) => e.version)).toEqual([1, 2, 3]);
    const published = (await harness.streamEntries()).filter(
      (e) => e.event.streamId === keyStreamId(keyId),
    );
    expect(published.map((e) => e.event.version)).toEqual([1, 2, 3]);
  });

  it('never lets concurrent creations pass the plan’s key limit', async () => {
    const { account } = await harness.openAccount('Stampede', 'starter');
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => harness.createKey(account.id, { name: `k${i}` })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const keys = await harness.send<Array<{ kind: string }>>(KeyServicePattern.ListKeys, {
      accountId: account.id,
    });
    expect(keys.filter((k) => k.kind === 'user')).toHaveLength(5);
  });
});
