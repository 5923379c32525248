import { EventEnvelope, NotFoundError } from '@keygate/contracts';
import { keyCreated } from '../../test/key-created.event';
import { ManualClock } from '@keygate/testing';
import { EventSourcedRepository } from '../event-store/event-sourced.repository';
import { OutboxRelay } from '../outbox/outbox-relay';
import { ApiKey } from '../domain/api-key.aggregate';
import { KeyMutation } from './key-mutation';

const created = keyCreated();

/** A repository over one stream held in memory, and a relay that records its flushes. */
function setup(history: EventEnvelope[] = [created]) {
  const steps: string[] = [];
  const repository = {
    retryOnConflict: <T>(attempt: () => Promise<T>) => attempt(),
    load: async (create: () => ApiKey) => create().loadFromHistory(history),
    save: async (key: ApiKey) => {
      const events = key.takePendingEvents();
      steps.push(`save ${events.map((e) => e.type).join(',')}`);
      return events;
    },
  } as unknown as EventSourcedRepository;
  const relay = { flush: async () => void steps.push('flush') } as unknown as OutboxRelay;
  const mutation = new KeyMutation(
    repository,
    relay,
    new ManualClock(new Date('2026-12-06T00:00:00Z')),
  );
  return { mutation, steps };
}

const actor = { type: 'system' as const };

describe(KeyMutation.name, () => {
  it('saves what the decision applied and answers only once it is published', async () => {
    const { mutation, steps } = setup();
    const { result } = await mutation.run(
      { keyId: 'key_1', accountId: 'acc_1', actor },
      (key, now) => key.revoke(now),
    );
    expect(result).toBe(true);
    expect(steps).toEqual(['save KeyRevoked', 'flush']);
  });

  it('publishes nothing when the decision applied nothing', async () => {
    const { mutation, steps } = setup();
    await mutation.run({ keyId: 'key_1', actor }, () => 'nothing to do');
    expect(steps).toEqual(['save ']);
  });

  it('reads a key of another account, or none, as not found, deciding nothing', async () => {
    for (const { history, accountId } of [
      { history: [created], accountId: 'acc_other' },
      { history: [], accountId: 'acc_1' },
    ]) {
      const { mutation, steps } = setup(history);
      let decided = false;
      await expect(
        mutation.run({ keyId: 'key_1', accountId, actor }, () => (decided = true)),
      ).rejects.toBeInstanceOf(NotFoundError);
      expect(decided).toBe(false);
      expect(steps).toEqual([]);
    }
  });
});
