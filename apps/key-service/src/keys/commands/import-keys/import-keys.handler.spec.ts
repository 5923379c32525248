import { hashSecret } from '@keygate/key-secret';
import {
  AccountRecord,
  ConflictError,
  ImportedKeyInput,
  SYSTEM_ACTOR,
  ValidationError,
} from '@keygate/contracts';
import { ManualClock } from '@keygate/testing';
import { uncontendedLockRedis } from '../../../../test/in-memory-event-store';
import { plainKeyInput } from '../../../../test/key-input';
import { unitSpecConfig } from '../../../../test/key-service-config';
import { AppendRequest } from '../../../domain/aggregate-root';
import { EventStore, ImportBatch } from '../../../event-store/event-store.port';
import { OutboxRelay } from '../../../outbox/outbox-relay';
import { ProjectionCheckpoint } from '../../../outbox/projection-checkpoint';
import { ReadModels } from '../../../read-models/read-models.repository';
import { ImportKeysCommand } from './import-keys.command';
import { ImportKeysHandler } from './import-keys.handler';

const TAKEN = 'an-old-secret-already-taken';

function setup() {
  const batches: AppendRequest[][] = [];
  const published: string[] = [];
  const store = {
    appendImportBatch: async (requests: AppendRequest[]) => {
      batches.push(requests);
      return { batchId: `b${batches.length}`, events: [] } as ImportBatch;
    },
  } as unknown as EventStore;
  const relay = {
    publishImportBatch: async (batch: ImportBatch) => published.push(batch.batchId),
  } as unknown as OutboxRelay;
  const readModels = {
    findAccount: async (id: string) => (id === 'acc_1' ? ({ id } as AccountRecord) : null),
  } as unknown as ReadModels;
  const checkpoint = {
    takenSecretHashes: async (hashes: string[]) =>
      new Set(hashes.filter((hash) => hash === hashSecret(TAKEN, unitSpecConfig.keyPepper))),
  } as unknown as ProjectionCheckpoint;
  const handler = new ImportKeysHandler(
    store,
    readModels,
    checkpoint,
    relay,
    uncontendedLockRedis(),
    new ManualClock(new Date('2026-12-06T12:00:00.000Z')),
    unitSpecConfig,
  );
  return { handler, batches, published };
}

const imported = (secret: string, name = 'Legacy'): ImportedKeyInput => ({
  ...plainKeyInput,
  name,
  secret,
});
const importOf = (...keys: ImportedKeyInput[]) =>
  new ImportKeysCommand({ accountId: 'acc_1', keys }, SYSTEM_ACTOR);

describe(ImportKeysHandler.name, () => {
  it('stores every key as one batch of KeyCreated (imported), hashes only, then publishes it', async () => {
    const { handler, batches, published } = setup();
    const result = await handler.execute(
      importOf(imported('kong-secret-0000000001'), imported('kong-secret-0000000002')),
    );
    expect(result.imported).toBe(2);
    expect(batches).toHaveLength(1);
    expect(batches[0].map((request) => request.events[0].type)).toEqual([
      'KeyCreated',
      'KeyCreated',
    ]);
    expect(JSON.stringify(batches)).not.toContain('kong-secret-000000000');
    expect(published).toEqual(['b1']);
  });

  it('names every bad key at once and stores none', async () => {
    const { handler, batches } = setup();
    const failure = await handler
      .execute(
        importOf(
          imported('same-secret-00000001'),
          imported('same-secret-00000001'),
          imported('kg_sk_notachecksum000000000000000000'),
        ),
      )
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as ValidationError).fields?.map((f) => f.field)).toEqual([
      'keys[1].secret',
      'keys[2].secret',
    ]);
    expect(batches).toEqual([]);
  });

  it('refuses a secret another key already has (409), storing none', async () => {
    const { handler, batches } = setup();
    await expect(
      handler.execute(importOf(imported('fresh-secret-000000001'), imported(TAKEN))),
    ).rejects.toThrow(ConflictError);
    expect(batches).toEqual([]);
  });
});
