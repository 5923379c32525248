import { KeyServicePattern, PanelUserView } from '@keygate/contracts';
import { fakeKeyService, panelCaller } from '../../../test/fake-rpc';
import { ListUsersHandler } from './list-users.handler';

describe(ListUsersHandler.name, () => {
  it('lists the users of the caller’s account', async () => {
    const users = [{ id: 'usr_1', email: 'ada@example.com', role: 'admin' }] as PanelUserView[];
    const { fake, client } = fakeKeyService({ [KeyServicePattern.ListUsers]: () => users });
    expect(await new ListUsersHandler(client).execute(panelCaller('member'))).toBe(users);
    expect(fake.calls).toEqual([
      { pattern: KeyServicePattern.ListUsers, request: { accountId: 'acc_1' } },
    ]);
  });
});
