import { KeyServicePattern, PanelUserView } from '@keygate/contracts';
import { fakeKeyService, panelActor, panelCaller } from '../../../test/fake-rpc';
import { PasswordHasher } from '../../sessions/password-hasher';
import { AddUserHandler } from './add-user.handler';

describe(AddUserHandler.name, () => {
  it('adds the user to the caller’s account with a hash of the password, never the password', async () => {
    const user = { id: 'usr_2', email: 'bob@example.com', role: 'member' } as PanelUserView;
    const { fake, client } = fakeKeyService({ [KeyServicePattern.AddUser]: () => user });
    const input = { email: 'bob@example.com', password: 'correct horse', role: 'member' as const };
    expect(await new AddUserHandler(client).execute(panelCaller(), input)).toBe(user);

    const request = fake.calls[0]?.request as Record<string, unknown>;
    expect(request).toEqual({
      accountId: 'acc_1',
      email: 'bob@example.com',
      passwordHash: expect.any(String),
      role: 'member',
      actor: panelActor,
    });
    expect(JSON.stringify(request)).not.toContain('correct horse');
    expect(await PasswordHasher.verify('correct horse', request.passwordHash as string)).toBe(true);
  });
});
