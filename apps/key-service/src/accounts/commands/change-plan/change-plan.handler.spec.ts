import { NotFoundError, SYSTEM_ACTOR, ValidationError } from '@keygate/contracts';
import { ManualClock } from '@keygate/testing';
import { inMemoryRepository, storeAccount } from '../../../../test/in-memory-event-store';
import { unitSpecConfig } from '../../../../test/key-service-config';
import { ChangePlanCommand } from './change-plan.command';
import { ChangePlanHandler } from './change-plan.handler';

async function setup() {
  const { store, repository, relay, flushes } = inMemoryRepository();
  const clock = new ManualClock(new Date('2026-12-06T12:00:00.000Z'));
  await storeAccount(repository, clock.now(), 'starter');
  const handler = new ChangePlanHandler(repository, relay, clock, unitSpecConfig);
  return { store, handler, flushes };
}

describe(ChangePlanHandler.name, () => {
  it('changes the plan, publishes, and answers the account as it now is', async () => {
    const { store, handler, flushes } = await setup();
    const view = await handler.execute(new ChangePlanCommand('acc_1', 'pro', SYSTEM_ACTOR));
    expect(view).toMatchObject({ id: 'acc_1', plan: 'pro' });
    expect(store.appendedTypes).toEqual([
      'account-acc_1: AccountOpened',
      'account-acc_1: AccountPlanChanged',
    ]);
    expect(flushes).toEqual([2]);
  });

  it('refuses a plan that does not exist', async () => {
    const { store, handler } = await setup();
    await expect(
      handler.execute(new ChangePlanCommand('acc_1', 'platinum', SYSTEM_ACTOR)),
    ).rejects.toThrow(ValidationError);
    expect(store.appendedTypes).toHaveLength(1);
  });

  it('answers 404 for an account that does not exist', async () => {
    const { handler } = await setup();
    await expect(
      handler.execute(new ChangePlanCommand('acc_2', 'pro', SYSTEM_ACTOR)),
    ).rejects.toThrow(NotFoundError);
  });
});
