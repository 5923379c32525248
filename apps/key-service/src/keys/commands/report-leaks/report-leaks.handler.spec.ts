import { SYSTEM_ACTOR } from '@keygate/contracts';
import { hashSecret } from '@keygate/key-secret';
import { keyCreated } from '../../../../test/key-created.event';
import { mutationOn } from '../../../../test/key-mutation.fake';
import { unitSpecConfig } from '../../../../test/key-service-config';
import { ApiKey } from '../../../domain/api-key.aggregate';
import { ProjectionCheckpoint } from '../../../outbox/projection-checkpoint';
import { ReportLeaksHandler } from './report-leaks.handler';

const NOW = new Date('2026-12-06T12:00:00.000Z');
const LEAKED = 'kg_sk_the-leaked-secret';

function setup(action: 'revoke' | 'notify') {
  const key = new ApiKey().loadFromHistory([keyCreated()]);
  const { mutation, applied, data } = mutationOn(key, NOW);
  const leakedHash = hashSecret(LEAKED, unitSpecConfig.keyPepper);
  const checkpoint = {
    keyIdsOfSecretHashes: async (hashes: string[]) =>
      hashes.map((hash) => (hash === leakedHash ? 'key_1' : null)),
  } as unknown as ProjectionCheckpoint;
  const handler = new ReportLeaksHandler(checkpoint, mutation, unitSpecConfig);
  const report = (secrets: string[]) =>
    handler.execute({
      secrets,
      source: 'github:commit',
      url: 'https://github.com/a/b',
      action,
      actor: SYSTEM_ACTOR,
    });
  return { key, report, applied, data };
}

describe(ReportLeaksHandler.name, () => {
  it('revokes the key a reported secret belongs to, recording where it was found but not the secret', async () => {
    const { key, report, applied, data } = setup('revoke');
    expect(await report(['not-anyones-secret-01', LEAKED, LEAKED])).toEqual([
      { keyId: null, accountId: null, label: 'false_positive', outcome: null },
      { keyId: 'key_1', accountId: 'acc_1', label: 'true_positive', outcome: 'revoked' },
      { keyId: 'key_1', accountId: 'acc_1', label: 'true_positive', outcome: 'revoked' },
    ]);
    expect(applied).toEqual(['KeyLeaked']);
    expect(JSON.stringify(data)).not.toContain(LEAKED);
    expect(key.status(NOW)).toBe('revoked');
    expect((await report([LEAKED]))[0].outcome).toBe('already_handled');
    expect(applied).toEqual(['KeyLeaked']);
  });

  it('only records the report with the notify action, once per source and place', async () => {
    const { key, report, applied } = setup('notify');
    expect((await report([LEAKED]))[0].outcome).toBe('notified');
    expect((await report([LEAKED]))[0].outcome).toBe('already_handled');
    expect(applied).toEqual(['KeyLeaked']);
    expect(key.status(NOW)).toBe('active');
  });
});
