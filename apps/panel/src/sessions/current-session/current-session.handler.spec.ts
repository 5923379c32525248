import { AccountView, KeyServicePattern, PanelUserView } from '@keygate/contracts';
import { fakeKeyService, panelCaller } from '../../../test/fake-rpc';
import { CurrentSessionHandler } from './current-session.handler';

describe(CurrentSessionHandler.name, () => {
  it('answers the session’s user and CSRF token with the account as the key service has it now, never asking for credentials', async () => {
    const account = { id: 'acc_1', name: 'Acme', plan: 'pro' } as AccountView;
    const { fake, client } = fakeKeyService({
      [KeyServicePattern.GetAccount]: () => account,
      [KeyServicePattern.ListUsers]: () => [
        { id: 'usr_0', twoFactor: false } as PanelUserView,
        { id: 'usr_1', twoFactor: true } as PanelUserView,
      ],
    });
    const answer = await new CurrentSessionHandler(client).execute(panelCaller('member'));
    expect(answer).toEqual({
      user: {
        id: 'usr_1',
        accountId: 'acc_1',
        email: 'ada@example.com',
        role: 'member',
        twoFactor: true,
      },
      account,
      csrfToken: 'csrf',
      expiresAt: '2026-12-01T00:00:00.000Z',
    });
    expect(fake.calls).toEqual([
      { pattern: KeyServicePattern.GetAccount, request: { accountId: 'acc_1' } },
      { pattern: KeyServicePattern.ListUsers, request: { accountId: 'acc_1' } },
    ]);
  });
});
