import { NotAllowedError, SYSTEM_ACTOR } from '@keygate/contracts';
import { keyCreated } from '../../../../test/key-created.event';
import { mutationOn } from '../../../../test/key-mutation.fake';
import { ApiKey } from '../../../domain/api-key.aggregate';
import { ChangeCreditsCommand } from './change-credits.command';
import { ChangeCreditsHandler } from './change-credits.handler';

const CREATED = '2026-11-23T12:00:00.000Z'; // keyCreated's occurredAt
const NOW = new Date('2026-12-06T13:00:00.000Z'); // 13 days and an hour later
const change = (c: ConstructorParameters<typeof ChangeCreditsCommand>[2]) =>
  new ChangeCreditsCommand('acc_1', 'key_1', c, SYSTEM_ACTOR);
const daily = { amount: 100, every: 'day' as const, mode: 'replace' as const };

describe(ChangeCreditsHandler.name, () => {
  it('sets credits on an unlimited key, in the refill period counted from its creation', async () => {
    const key = new ApiKey().loadFromHistory([keyCreated()]);
    const { mutation, applied, data } = mutationOn(key, NOW);
    const view = await new ChangeCreditsHandler(mutation).execute(
      change({ set: 500, refill: daily }),
    );
    expect(applied).toEqual(['KeyCreditsChanged']);
    expect(data).toEqual([
      { keyId: 'key_1', set: { amount: 500, period: 13, refill: daily, anchor: CREATED } },
    ]);
    expect(view.credits).toEqual({
      refill: daily,
      anchor: CREATED,
      set: { version: 2, amount: 500, period: 13 },
      added: 0,
    });
  });

  it('adds to credits, keeping the set and the refill', async () => {
    const key = new ApiKey().loadFromHistory([keyCreated({ credits: { remaining: 10 } })]);
    const { mutation } = mutationOn(key, NOW);
    const handler = new ChangeCreditsHandler(mutation);
    await handler.execute(change({ add: 5 }));
    const view = await handler.execute(change({ add: 7 }));
    expect(view.credits).toMatchObject({
      set: { version: 1, amount: 10 },
      added: 12,
      refill: null,
    });
  });

  it('refuses to add to a key that spends without limit', async () => {
    const { mutation, applied } = mutationOn(new ApiKey().loadFromHistory([keyCreated()]), NOW);
    await expect(new ChangeCreditsHandler(mutation).execute(change({ add: 5 }))).rejects.toThrow(
      NotAllowedError,
    );
    expect(applied).toEqual([]);
  });

  it('lifts the limit: the key spends without limit, until credits are set again', async () => {
    const key = new ApiKey().loadFromHistory([keyCreated({ credits: { remaining: 10 } })]);
    const { mutation, applied } = mutationOn(key, NOW);
    const handler = new ChangeCreditsHandler(mutation);
    expect((await handler.execute(change({ unlimited: true }))).credits).toBeNull();
    await handler.execute(change({ unlimited: true })); // already unlimited: nothing to record
    expect(applied).toEqual(['KeyCreditsChanged']);
    const view = await handler.execute(change({ set: 3 }));
    expect(view.credits).toMatchObject({ set: { amount: 3, version: 3 }, added: 0 });
  });
});
