import {
  AccountRecord,
  KeyLimitReachedError,
  NotFoundError,
  SYSTEM_ACTOR,
} from '@keygate/contracts';
import { ManualClock } from '@keygate/testing';
import { inMemoryRepository, uncontendedLockRedis } from '../../../../test/in-memory-event-store';
import { plainKeyInput } from '../../../../test/key-input';
import { unitSpecConfig } from '../../../../test/key-service-config';
import { ProjectionCheckpoint } from '../../../outbox/projection-checkpoint';
import { ReadModels } from '../../../read-models/read-models.repository';
import { SecretIssuer } from '../../secrets/secret-issuer';
import { CreateKeyCommand } from './create-key.command';
import { CreateKeyHandler } from './create-key.handler';

const account = (plan: string) => ({ id: 'acc_1', name: 'Acme', plan }) as unknown as AccountRecord;

/** `activeUserKeys` as the checkpoint counts them (null: the checkpoint cannot say). */
function setup(found: { plan: string; activeUserKeys: number } | null, fromCheckpoint = true) {
  const { store, repository, relay, flushes } = inMemoryRepository();
  const counted = found && { account: account(found.plan), activeUserKeys: found.activeUserKeys };
  const checkpoint = {
    accountWithActiveUserKeys: async () =>
      fromCheckpoint ? (counted ?? { account: null, activeUserKeys: 0 }) : null,
  } as unknown as ProjectionCheckpoint;
  const readModels = {
    findAccount: async () => counted?.account ?? null,
    countActiveUserKeys: async () => counted?.activeUserKeys ?? 0,
  } as unknown as ReadModels;
  const handler = new CreateKeyHandler(
    repository,
    readModels,
    relay,
    checkpoint,
    new SecretIssuer(unitSpecConfig),
    uncontendedLockRedis(),
    new ManualClock(new Date('2026-12-06T12:00:00.000Z')),
    unitSpecConfig,
  );
  return { store, handler, flushes };
}

const create = new CreateKeyCommand(
  { ...plainKeyInput, accountId: 'acc_1', name: 'Reader' },
  SYSTEM_ACTOR,
);

describe(CreateKeyHandler.name, () => {
  it('creates a key within the plan’s limit, publishes it, and answers its secret once', async () => {
    const { store, handler, flushes } = setup({ plan: 'starter', activeUserKeys: 4 });
    const issued = await handler.execute(create);
    expect(store.appendedTypes).toEqual([`key-${issued.key.id}: KeyCreated`]);
    expect(flushes).toEqual([1]);
    expect(issued.key).toMatchObject({ accountId: 'acc_1', name: 'Reader', kind: 'user' });
    expect(issued.secret).toMatch(/^kg_/);
    expect(store.storedText()).not.toContain(issued.secret);
  });

  it('refuses past the plan’s maxUserKeys (starter: 5), storing nothing', async () => {
    const { store, handler } = setup({ plan: 'starter', activeUserKeys: 5 });
    await expect(handler.execute(create)).rejects.toThrow(KeyLimitReachedError);
    expect(store.appendedTypes).toEqual([]);
  });

  it('counts from the read models when the checkpoint cannot', async () => {
    const { handler } = setup({ plan: 'free', activeUserKeys: 0 }, false);
    await expect(handler.execute(create)).rejects.toThrow(KeyLimitReachedError);
  });

  it('answers 404 for an account that does not exist', async () => {
    const { handler } = setup(null);
    await expect(handler.execute(create)).rejects.toThrow(NotFoundError);
  });
});
