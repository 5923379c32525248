import { EmailTakenError, ValidationError } from '@keygate/contracts';
import { ManualClock } from '@keygate/testing';
import { inMemoryRepository } from '../../../../test/in-memory-event-store';
import { inMemoryPanelUsers } from '../../../../test/in-memory-panel-users';
import { unitSpecConfig } from '../../../../test/key-service-config';
import { OpenAccountHandler } from '../../../accounts/commands/open-account/open-account.handler';
import { SecretIssuer } from '../../../keys/secrets/secret-issuer';
import { SignupHandler } from './signup.handler';

const HASH = 'scrypt$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==';

function setup() {
  const { store, repository, relay } = inMemoryRepository();
  const clock = new ManualClock(new Date('2026-12-06T12:00:00.000Z'));
  const { users, repository: panelUsers } = inMemoryPanelUsers();
  const openAccount = new OpenAccountHandler(
    repository,
    relay,
    new SecretIssuer(unitSpecConfig),
    clock,
    unitSpecConfig,
  );
  const handler = new SignupHandler(panelUsers, openAccount, clock);
  const signup = (email: string, plan?: string) =>
    handler.execute({ email, passwordHash: HASH, accountName: 'Acme', plan });
  return { store, users, signup };
}

describe(SignupHandler.name, () => {
  it('opens the account with its keys and makes the user its active admin', async () => {
    const { store, users, signup } = setup();
    const signedUp = await signup('ann@acme.test');
    expect(signedUp.user).toMatchObject({
      email: 'ann@acme.test',
      role: 'admin',
      accountId: signedUp.account.id,
    });
    expect([...users.values()].map((u) => u.status)).toEqual(['active']);
    expect(signedUp.applicationKeys.map(({ key }) => key.environment)).toEqual([
      'live',
      'live',
      'test',
      'test',
    ]);
    expect(store.appendedTypes.at(-1)).toBe(`account-${signedUp.account.id}: AccountOpened`);
  });

  it('refuses an unknown plan before anything is written', async () => {
    const { store, users, signup } = setup();
    await expect(signup('ann@acme.test', 'platinum')).rejects.toThrow(ValidationError);
    expect(users.size).toBe(0);
    expect(store.appendedTypes).toEqual([]);
  });

  it('refuses an email in use before any account is opened', async () => {
    const { store, signup } = setup();
    await signup('ann@acme.test');
    const written = store.appendedTypes.length;
    await expect(signup('ann@acme.test')).rejects.toThrow(EmailTakenError);
    expect(store.appendedTypes).toHaveLength(written);
  });
});
