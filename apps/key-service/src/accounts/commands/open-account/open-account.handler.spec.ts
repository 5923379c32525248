import { SYSTEM_ACTOR, ValidationError } from '@keygate/contracts';
import { ManualClock } from '@keygate/testing';
import { inMemoryRepository } from '../../../../test/in-memory-event-store';
import { unitSpecConfig } from '../../../../test/key-service-config';
import { SecretIssuer } from '../../../keys/secrets/secret-issuer';
import { OpenAccountCommand } from './open-account.command';
import { OpenAccountHandler } from './open-account.handler';

function setup() {
  const { store, repository, relay, flushes } = inMemoryRepository();
  const clock = new ManualClock(new Date('2026-12-06T12:00:00.000Z'));
  const handler = new OpenAccountHandler(
    repository,
    relay,
    new SecretIssuer(unitSpecConfig),
    clock,
    unitSpecConfig,
  );
  return { store, handler, flushes };
}

describe(OpenAccountHandler.name, () => {
  it('stores the application key pairs (live, test), then the account, then publishes', async () => {
    const { store, handler, flushes } = setup();
    const opened = await handler.execute(
      new OpenAccountCommand('Acme', 'pro', SYSTEM_ACTOR),
      'acc_9',
    );
    expect(store.appendedTypes.map((line) => line.replace(/key-\w+/, 'key'))).toEqual([
      'key: KeyCreated',
      'key: KeyCreated',
      'key: KeyCreated',
      'key: KeyCreated',
      'account-acc_9: AccountOpened',
    ]);
    expect(flushes).toEqual([5]);
    expect(opened.account).toMatchObject({ id: 'acc_9', name: 'Acme', plan: 'pro' });
    expect(opened.applicationKeys.map(({ key }) => `${key.environment} ${key.access}`)).toEqual([
      'live read-write',
      'live read-only',
      'test read-write',
      'test read-only',
    ]);
    expect(opened.applicationKeys.map(({ secret }) => secret.slice(0, 8))).toEqual([
      expect.stringMatching(/^kg_sk_/),
      expect.stringMatching(/^kg_sk_/),
      'kg_test_',
      'kg_test_',
    ]);
  });

  it('answers each secret once and stores only its hash', async () => {
    const { store, handler } = setup();
    const opened = await handler.execute(new OpenAccountCommand('Acme', undefined, SYSTEM_ACTOR));
    expect(opened.account.plan).toBe('starter');
    for (const { secret } of opened.applicationKeys) {
      expect(secret).toMatch(/^kg_/);
      expect(store.storedText()).not.toContain(secret);
    }
  });

  it('refuses an unknown plan before anything is stored', async () => {
    const { store, handler } = setup();
    await expect(
      handler.execute(new OpenAccountCommand('Acme', 'platinum', SYSTEM_ACTOR)),
    ).rejects.toThrow(ValidationError);
    expect(store.appendedTypes).toEqual([]);
  });
});
