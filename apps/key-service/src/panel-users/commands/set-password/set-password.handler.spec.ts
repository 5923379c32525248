import { NotFoundError, SYSTEM_ACTOR } from '@keygate/contracts';
import { ManualClock } from '@keygate/testing';
import { inMemoryRepository, storeAccount } from '../../../../test/in-memory-event-store';
import { inMemoryPanelUsers } from '../../../../test/in-memory-panel-users';
import { UserAudit } from '../../user-audit';
import { RecordPasswordResetHandler } from '../record-password-reset/record-password-reset.handler';
import { SetPasswordHandler } from './set-password.handler';

async function setup() {
  const { store, repository, relay } = inMemoryRepository();
  const clock = new ManualClock(new Date('2026-12-06T12:00:00.000Z'));
  await storeAccount(repository, clock.now());
  const { users, repository: panelUsers } = inMemoryPanelUsers();
  users.set('u_1', {
    _id: 'u_1',
    accountId: 'acc_1',
    email: 'u_1@acme.test',
    passwordHash: 'scrypt$old',
    role: 'member',
    status: 'active',
    createdAt: new Date('2026-12-01T12:00:00.000Z'),
  });
  const audit = new UserAudit(repository, relay);
  return {
    store,
    users,
    setPassword: new SetPasswordHandler(panelUsers, audit, clock),
    recordReset: new RecordPasswordResetHandler(panelUsers, audit, clock),
  };
}

describe(SetPasswordHandler.name, () => {
  it('stores the new hash and records the change, never the hash, in the account’s stream', async () => {
    const { store, users, setPassword } = await setup();
    const newHash = `scrypt$${'n'.repeat(40)}`;
    await setPassword.execute({
      accountId: 'acc_1',
      userId: 'u_1',
      passwordHash: newHash,
      via: 'reset',
      actor: SYSTEM_ACTOR,
    });
    expect(users.get('u_1')?.passwordHash).toBe(newHash);
    expect(store.appendedTypes.at(-1)).toBe('account-acc_1: PanelUserPasswordChanged');
    expect(store.storedText()).not.toContain(newHash);
  });

  it('finds no user of another account', async () => {
    const { setPassword, recordReset } = await setup();
    const other = { accountId: 'acc_2', userId: 'u_1', actor: SYSTEM_ACTOR };
    await expect(
      setPassword.execute({ ...other, passwordHash: `scrypt$${'n'.repeat(40)}`, via: 'changed' }),
    ).rejects.toThrow(NotFoundError);
    await expect(recordReset.execute(other)).rejects.toThrow(NotFoundError);
  });

  it('records a reset link issued for a user', async () => {
    const { store, recordReset } = await setup();
    await recordReset.execute({ accountId: 'acc_1', userId: 'u_1', actor: SYSTEM_ACTOR });
    expect(store.appendedTypes.at(-1)).toBe('account-acc_1: PanelUserPasswordResetIssued');
  });
});
