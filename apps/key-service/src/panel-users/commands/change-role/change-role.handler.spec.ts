import { NotAllowedError, NotFoundError, SYSTEM_ACTOR } from '@keygate/contracts';
import { ManualClock } from '@keygate/testing';
import { inMemoryRepository, storeAccount } from '../../../../test/in-memory-event-store';
import { inMemoryPanelUsers } from '../../../../test/in-memory-panel-users';
import { UserAudit } from '../../user-audit';
import { ChangeRoleHandler } from './change-role.handler';

const CREATED = new Date('2026-12-01T12:00:00.000Z');

async function setup() {
  const { store, repository, relay } = inMemoryRepository();
  const clock = new ManualClock(new Date('2026-12-06T12:00:00.000Z'));
  await storeAccount(repository, clock.now());
  const { users, repository: panelUsers } = inMemoryPanelUsers();
  for (const [id, role] of [
    ['u_admin', 'admin'],
    ['u_member', 'member'],
  ] as const)
    users.set(id, {
      _id: id,
      accountId: 'acc_1',
      email: `${id}@acme.test`,
      passwordHash: 'scrypt$x',
      role,
      status: 'active',
      createdAt: CREATED,
    });
  const handler = new ChangeRoleHandler(panelUsers, new UserAudit(repository, relay), clock);
  const change = (userId: string, role: 'admin' | 'member') =>
    handler.execute({ accountId: 'acc_1', userId, role, actor: SYSTEM_ACTOR });
  return { store, users, change };
}

describe(ChangeRoleHandler.name, () => {
  it('changes the role and records it in the account’s stream', async () => {
    const { store, users, change } = await setup();
    await expect(change('u_member', 'admin')).resolves.toMatchObject({
      id: 'u_member',
      role: 'admin',
    });
    expect(users.get('u_member')?.role).toBe('admin');
    expect(store.appendedTypes.at(-1)).toBe('account-acc_1: PanelUserRoleChanged');
  });

  it('keeps the account’s last admin an admin', async () => {
    const { store, users, change } = await setup();
    await expect(change('u_admin', 'member')).rejects.toThrow(NotAllowedError);
    expect(users.get('u_admin')?.role).toBe('admin');
    expect(store.appendedTypes).toEqual(['account-acc_1: AccountOpened']);
  });

  it('records nothing when the role is already the one asked for', async () => {
    const { store, change } = await setup();
    await change('u_member', 'member');
    expect(store.appendedTypes).toHaveLength(1);
  });

  it('answers 404 for a user of another account', async () => {
    const { change } = await setup();
    await expect(change('u_unknown', 'admin')).rejects.toThrow(NotFoundError);
  });
});
