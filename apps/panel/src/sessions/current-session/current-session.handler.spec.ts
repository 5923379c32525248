import { AccountView, KeyServicePattern, PanelUserCredentials } from '@keygate/contracts';
import { fakeKeyService, panelCaller } from '../../../test/fake-rpc';
import { CurrentSessionHandler } from './current-session.handler';

describe(CurrentSessionHandler.name, () => {
  it('answers the session’s user and CSRF token with the account as the key service has it now', async () => {
    const account = { id: 'acc_1', name: 'Acme', plan: 'pro' } as AccountView;
    const { fake, client } = fakeKeyService({
      [KeyServicePattern.GetAccount]: () => account,
      [KeyServicePattern.UserCredentials]: () =>
        ({ id: 'usr_1', passwordHash: 'scrypt$x', twoFactor: true }) as PanelUserCredentials,
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
      { pattern: KeyServicePattern.UserCredentials, request: { email: 'ada@example.com' } },
    ]);
    expect(JSON.stringify(answer)).not.toContain('scrypt');
  });
});
