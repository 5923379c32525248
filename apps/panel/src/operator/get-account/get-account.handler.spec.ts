import { AccountView, KeyServicePattern, PanelUserView } from '@keygate/contracts';
import { DEFAULT_PLANS } from '@keygate/config';
import { fakeKeyService } from '../../../test/fake-rpc';
import { GetAccountHandler } from './get-account.handler';

describe(GetAccountHandler.name, () => {
  it('answers the account, its plan spelled out and its users', async () => {
    const account = { id: 'acc_9', name: 'Acme', plan: 'starter' } as AccountView;
    const users = [{ id: 'usr_9', role: 'admin' }] as PanelUserView[];
    const { fake, client } = fakeKeyService({
      [KeyServicePattern.GetAccount]: () => account,
      [KeyServicePattern.ListUsers]: () => users,
    });
    const answer = await new GetAccountHandler(client, { plans: DEFAULT_PLANS }).execute('acc_9');
    expect(answer).toEqual({
      account,
      plan: {
        name: 'starter',
        apiAccess: true,
        callLimit: 100_000,
        testCallLimit: 1_000,
        maxUserKeys: 5,
      },
      users,
    });
    expect(fake.calls.map((call) => call.request)).toEqual([
      { accountId: 'acc_9' },
      { accountId: 'acc_9' },
    ]);
  });
});
