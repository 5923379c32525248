import { AccountRecord, EmailTakenError, NotFoundError, SYSTEM_ACTOR } from '@keygate/contracts';
import { ManualClock } from '@keygate/testing';
import { inMemoryRepository, storeAccount } from '../../../../test/in-memory-event-store';
import { inMemoryPanelUsers } from '../../../../test/in-memory-panel-users';
import { ReadModels } from '../../../read-models/read-models.repository';
import { UserAudit } from '../../user-audit';
import { AddUserHandler } from './add-user.handler';

const HASH = 'scrypt$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==';

async function setup({ withStream = true } = {}) {
  const { store, repository, relay } = inMemoryRepository();
  const clock = new ManualClock(new Date('2026-12-06T12:00:00.000Z'));
  if (withStream) await storeAccount(repository, clock.now());
  const { users, repository: panelUsers } = inMemoryPanelUsers();
  const readModels = {
    findAccount: async (id: string) => (id === 'acc_1' ? ({ id } as AccountRecord) : null),
  } as unknown as ReadModels;
  const handler = new AddUserHandler(
    panelUsers,
    readModels,
    new UserAudit(repository, relay),
    clock,
  );
  const add = (email: string, accountId = 'acc_1') =>
    handler.execute({ accountId, email, passwordHash: HASH, role: 'member', actor: SYSTEM_ACTOR });
  return { store, users, add };
}

describe(AddUserHandler.name, () => {
  it('adds an active user and records it in the account’s stream', async () => {
    const { store, users, add } = await setup();
    const view = await add('ann@acme.test');
    expect(view).toMatchObject({ accountId: 'acc_1', email: 'ann@acme.test', role: 'member' });
    expect(users.get(view.id)?.status).toBe('active');
    expect(store.appendedTypes.at(-1)).toBe('account-acc_1: PanelUserAdded');
    expect(store.storedText()).not.toContain(HASH);
  });

  it('refuses an email already in use', async () => {
    const { add } = await setup();
    await add('ann@acme.test');
    await expect(add('ann@acme.test')).rejects.toThrow(EmailTakenError);
  });

  it('answers 404 for an account that does not exist', async () => {
    const { add } = await setup();
    await expect(add('ann@acme.test', 'acc_2')).rejects.toThrow(NotFoundError);
  });

  it('leaves no user behind when its audit entry cannot be stored', async () => {
    const { users, add } = await setup({ withStream: false });
    await expect(add('ann@acme.test')).rejects.toThrow(NotFoundError);
    expect(users.size).toBe(0);
  });
});
