import { AccountView, KeyServicePattern } from '@keygate/contracts';
import { DEFAULT_PLANS } from '@keygate/config';
import { fakeKeyService } from '../../../test/fake-rpc';
import { ChangePlanHandler } from './change-plan.handler';

describe(ChangePlanHandler.name, () => {
  it('records the operator and the address as actor and answers the new plan spelled out', async () => {
    const account = { id: 'acc_9', plan: 'pro' } as AccountView;
    const { fake, client } = fakeKeyService({ [KeyServicePattern.ChangePlan]: () => account });
    const answer = await new ChangePlanHandler(client, { plans: DEFAULT_PLANS }).execute(
      'acc_9',
      'pro',
      '198.51.100.4',
    );
    expect(answer).toEqual({
      account,
      plan: {
        name: 'pro',
        apiAccess: true,
        callLimit: 1_000_000,
        testCallLimit: 10_000,
        maxUserKeys: 25,
      },
    });
    expect(fake.calls).toEqual([
      {
        pattern: KeyServicePattern.ChangePlan,
        request: {
          accountId: 'acc_9',
          plan: 'pro',
          actor: { type: 'operator', ip: '198.51.100.4' },
        },
      },
    ]);
  });
});
