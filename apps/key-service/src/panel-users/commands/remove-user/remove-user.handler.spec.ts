import { NotAllowedError, NotFoundError, SYSTEM_ACTOR } from '@keygate/contracts';
import { ManualClock } from '@keygate/testing';
import { inMemoryRepository, storeAccount } from '../../../../test/in-memory-event-store';
import { inMemoryPanelUsers } from '../../../../test/in-memory-panel-users';
import { UserAudit } from '../../user-audit';
import { RemoveUserHandler } from './remove-user.handler';

const CREATED = new Date('2026-12-01T12:00:00.000Z');

async function setup(team: Array<[string, 'admin' | 'member']>) {
  const { store, repository, relay } = inMemoryRepository();
  const clock = new ManualClock(new Date('2026-12-06T12:00:00.000Z'));
  await storeAccount(repository, clock.now());
  const { users, repository: panelUsers } = inMemoryPanelUsers();
  for (const [id, role] of team)
    users.set(id, {
      _id: id,
      accountId: 'acc_1',
      email: `${id}@acme.test`,
      passwordHash: 'scrypt$x',
      role,
      status: 'active',
      createdAt: CREATED,
    });
  const handler = new RemoveUserHandler(panelUsers, new UserAudit(repository, relay), clock);
  const remove = (userId: string) =>
    handler.execute({ accountId: 'acc_1', userId, actor: SYSTEM_ACTOR });
  return { store, users, remove };
}

describe(RemoveUserHandler.name, () => {
  it('records the removal in the account’s stream, then deletes the user', async () => {
    const { store, users, remove } = await setup([
      ['u_admin', 'admin'],
      ['u_member', 'member'],
    ]);
    await expect(remove('u_member')).resolves.toMatchObject({ id: 'u_member', role: 'member' });
    expect(users.has('u_member')).toBe(false);
    expect(store.appendedTypes.at(-1)).toBe('account-acc_1: PanelUserRemoved');
  });

  it('keeps the account’s last admin, and lets an admin go while another remains', async () => {
    const { store, users, remove } = await setup([
      ['u_admin', 'admin'],
      ['u_other', 'admin'],
      ['u_member', 'member'],
    ]);
    await remove('u_admin');
    await expect(remove('u_other')).rejects.toThrow(NotAllowedError);
    expect(users.has('u_other')).toBe(true);
    expect(store.appendedTypes.filter((t) => t.endsWith('PanelUserRemoved'))).toHaveLength(1);
  });

  it('answers 404 for a user of another account', async () => {
    const { remove } = await setup([['u_admin', 'admin']]);
    await expect(remove('u_elsewhere')).rejects.toThrow(NotFoundError);
  });
});
