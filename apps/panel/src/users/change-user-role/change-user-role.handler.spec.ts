import { ConflictError, KeyServicePattern, PanelUserView } from '@keygate/contracts';
import { fakeKeyService, panelActor, panelCaller } from '../../../test/fake-rpc';
import { PanelSessions } from '../../sessions/panel-sessions';
import { ChangeUserRoleHandler } from './change-user-role.handler';

const recordingSessions = () => {
  const closedFor: string[] = [];
  const sessions = {
    closeAllOf: async (userId: string) => void closedFor.push(userId),
  } as unknown as PanelSessions;
  return { sessions, closedFor };
};

describe(ChangeUserRoleHandler.name, () => {
  it('changes the role in the caller’s account and ends the user’s open sessions', async () => {
    const user = { id: 'usr_2', role: 'member' } as PanelUserView;
    const { fake, client } = fakeKeyService({ [KeyServicePattern.ChangeUserRole]: () => user });
    const { sessions, closedFor } = recordingSessions();
    const handler = new ChangeUserRoleHandler(client, sessions);
    expect(await handler.execute(panelCaller(), 'usr_2', 'member')).toBe(user);
    expect(fake.calls).toEqual([
      {
        pattern: KeyServicePattern.ChangeUserRole,
        request: { accountId: 'acc_1', userId: 'usr_2', role: 'member', actor: panelActor },
      },
    ]);
    expect(closedFor).toEqual(['usr_2']);
  });

  it('leaves the sessions open when the key service refuses (the last admin)', async () => {
    const { client } = fakeKeyService({
      [KeyServicePattern.ChangeUserRole]: () => {
        throw new ConflictError('An account keeps at least one admin');
      },
    });
    const { sessions, closedFor } = recordingSessions();
    await expect(
      new ChangeUserRoleHandler(client, sessions).execute(panelCaller(), 'usr_1', 'member'),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(closedFor).toEqual([]);
  });
});
