import { KeyServicePattern, NotAllowedError, PanelUserView } from '@keygate/contracts';
import { fakeKeyService, panelActor, panelCaller } from '../../../test/fake-rpc';
import { PanelAuthority } from '../../sessions/panel-authority';
import { PanelSessions } from '../../sessions/panel-sessions';
import { PasswordResets } from '../../sessions/password-resets';
import { RemoveUserHandler } from './remove-user.handler';

const recording = () => {
  const steps: string[] = [];
  const sessions = {
    closeAllOf: async (userId: string) => void steps.push(`close ${userId}`),
  } as unknown as PanelSessions;
  const authority = {
    changed: async (userId: string) => void steps.push(`authority ${userId}`),
  } as unknown as PanelAuthority;
  const resets = {
    revokeAllOf: async (userId: string) => void steps.push(`resets ${userId}`),
  } as unknown as PasswordResets;
  return { sessions, authority, resets, steps };
};

describe(RemoveUserHandler.name, () => {
  it('removes the user from the caller’s account, then ends every session of theirs', async () => {
    const user = { id: 'usr_2', role: 'member' } as PanelUserView;
    const { fake, client } = fakeKeyService({ [KeyServicePattern.RemoveUser]: () => user });
    const { sessions, authority, resets, steps } = recording();
    await new RemoveUserHandler(client, sessions, authority, resets).execute(
      panelCaller(),
      'usr_2',
    );
    expect(fake.calls).toEqual([
      {
        pattern: KeyServicePattern.RemoveUser,
        request: { accountId: 'acc_1', userId: 'usr_2', actor: panelActor },
      },
    ]);
    // The generation first: a session a racing login stores after the close is refused too.
    expect(steps).toEqual(['authority usr_2', 'close usr_2', 'resets usr_2']);
  });

  it('touches no session when the key service refuses (the last admin)', async () => {
    const { client } = fakeKeyService({
      [KeyServicePattern.RemoveUser]: () => {
        throw new NotAllowedError('The account’s last admin cannot be removed');
      },
    });
    const { sessions, authority, resets, steps } = recording();
    await expect(
      new RemoveUserHandler(client, sessions, authority, resets).execute(panelCaller(), 'usr_1'),
    ).rejects.toThrow(NotAllowedError);
    expect(steps).toEqual([]);
  });
});
