import { NotFoundError, SYSTEM_ACTOR } from '@keygate/contracts';
import { ManualClock } from '@keygate/testing';
import { inMemoryRepository, storeAccount } from '../../../../test/in-memory-event-store';
import { RequireTwoFactorHandler } from './require-two-factor.handler';

async function setup() {
  const { store, repository, relay } = inMemoryRepository();
  const clock = new ManualClock(new Date('2026-12-06T12:00:00.000Z'));
  await storeAccount(repository, clock.now(), 'starter');
  return { store, handler: new RequireTwoFactorHandler(repository, relay, clock) };
}

describe(RequireTwoFactorHandler.name, () => {
  it('records the requirement once, and answers the account with it', async () => {
    const { store, handler } = await setup();
    const required = { accountId: 'acc_1', required: true, actor: SYSTEM_ACTOR };
    expect(await handler.execute(required)).toMatchObject({ twoFactorRequired: true });
    await handler.execute(required);
    expect(store.appendedTypes).toEqual([
      'account-acc_1: AccountOpened',
      'account-acc_1: AccountTwoFactorRequirementChanged',
    ]);
    expect(await handler.execute({ ...required, required: false })).not.toHaveProperty(
      'twoFactorRequired',
    );
  });

  it('answers 404 for an account that does not exist', async () => {
    const { handler } = await setup();
    await expect(
      handler.execute({ accountId: 'acc_2', required: true, actor: SYSTEM_ACTOR }),
    ).rejects.toThrow(NotFoundError);
  });
});
