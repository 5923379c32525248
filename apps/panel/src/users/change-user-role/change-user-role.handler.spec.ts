import { ConflictError, KeyServicePattern, PanelUserView } from '@keygate/contracts';
import { fakeKeyService, panelActor, panelCaller } from '../../../test/fake-rpc';
import { PanelAuthority } from '../../sessions/panel-authority';
import { PanelSessions } from '../../sessions/panel-sessions';
import { ChangeUserRoleHandler } from './change-user-role.handler';

const recordingSessions = () => {
  const closedFor: string[] = [];
  const steps: string[] = [];
  const sessions = {
    closeAllOf: async (userId: string) => {
      closedFor.push(userId);
      steps.push(`close ${userId}`);
    },
  } as unknown as PanelSessions;
  const authority = {
    changed: async (userId: string) => void steps.push(`authority ${userId}`),
  } as unknown as PanelAuthority;
  return { sessions, authority, closedFor, steps };
};

describe(ChangeUserRoleHandler.name, () => {
  it('changes the role in the caller’s account and ends the user’s open sessions', async () => {
    const user = { id: 'usr_2', role: 'member' } as PanelUserView;
    const { fake, client } = fakeKeyService({ [KeyServicePattern.ChangeUserRole]: () => user });
    const { sessions, authority, closedFor, steps } = recordingSessions();
    const handler = new ChangeUserRoleHandler(client, sessions, authority);
    expect(await handler.execute(panelCaller(), 'usr_2', 'member')).toBe(user);
    expect(fake.calls).toEqual([
      {
        pattern: KeyServicePattern.ChangeUserRole,
        request: { accountId: 'acc_1', userId: 'usr_2', role: 'member', actor: panelActor },
      },
    ]);
    expect(closedFor).toEqual(['usr_2']);
    // The generation moves first, so a session a racing login stores after the close is refused.
    expect(steps).toEqual(['authority usr_2', 'close usr_2']);
  });

  it('leaves the sessions open when the key service refuses (the last admin)', async () => {
    const { client } = fakeKeyService({
      [KeyServicePattern.ChangeUserRole]: () => {
        throw new ConflictError('An account keeps at least one admin');
      },
    });
    const { sessions, authority, closedFor, steps } = recordingSessions();
    await expect(
      new ChangeUserRoleHandler(client, sessions, authority).execute(
        panelCaller(),
        'usr_1',
        'member',
      ),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(closedFor).toEqual([]);
    expect(steps).toEqual([]);
  });
});
