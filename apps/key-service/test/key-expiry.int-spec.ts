import { KeyServicePattern, KeyView } from '@keygate/contracts';
import { createRedis } from '@keygate/connections';
import { waitFor } from '@keygate/testing';
import { QueueEvents } from 'bullmq';
import { KEY_EXPIRY_QUEUE, expiryJobId } from '../src/keys/commands/expire-key/key-expiry.queue';
import { KeyServiceHarness } from './key-service.harness';

describe('key expiry by its BullMQ job', () => {
  const harness = new KeyServiceHarness();

  beforeAll(() => harness.start({ realClock: true }));
  afterAll(() => harness.stop());

  const keyStatus = async (accountId: string, keyId: string) =>
    (await harness.send<KeyView>(KeyServicePattern.GetKey, { accountId, keyId })).status;
  const expiredEvents = async (keyId: string) =>
    (await harness.streamEntries()).filter(
      (e) => e.event.type === 'KeyExpired' && (e.event.data as { keyId: string }).keyId === keyId,
    );

  it('appends KeyExpired when expiresAt passes', async () => {
    const { account } = await harness.openAccount('Expiry');
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const { key } = await harness.createKey(account.id, { expiresAt });
    expect(key.status).toBe('active');
    await waitFor(async () => (await expiredEvents(key.id)).length === 1, 10_000, 100);
    expect(await keyStatus(account.id, key.id)).toBe('expired');
    expect((await expiredEvents(key.id))[0].event.actor).toEqual({ type: 'system' });
  });

  it('re-plans when expiresAt moves: the old job does nothing, the new one expires the key', async () => {
    // What each expiry job answered, as BullMQ reports it (finished jobs are removed).
    const connection = createRedis(harness.env.REDIS_URL, 'expiry-events', {
      maxRetriesPerRequest: null,
    });
    const events = new QueueEvents(KEY_EXPIRY_QUEUE, {
      connection,
      prefix: harness.env.KEYGATE_QUEUE_PREFIX,
    });
    const outcomes = new Map<string, string>();
    events.on('completed', ({ jobId, returnvalue }) => outcomes.set(jobId, String(returnvalue)));
    await events.waitUntilReady();
    try {
      const { account } = await harness.openAccount('Moved');
      const first = new Date(Date.now() + 1000).toISOString();
      const { key } = await harness.createKey(account.id, { expiresAt: first });
      const later = new Date(Date.now() + 2500).toISOString();
      await harness.send(KeyServicePattern.UpdateKey, {
        accountId: account.id,
        keyId: key.id,
        expiresAt: later,
      });
      // Both jobs run, whatever the machine's pace: the first finds itself superseded, the
      // second expires the key; one KeyExpired, for the later expiry.
      const firstJob = expiryJobId(key.id, first);
      await waitFor(() => outcomes.has(firstJob), 10_000, 50);
      expect(outcomes.get(firstJob)).toBe('superseded');
      await waitFor(async () => (await expiredEvents(key.id)).length === 1, 10_000, 50);
      expect((await expiredEvents(key.id))[0].event.data).toMatchObject({ expiresAt: later });
    } finally {
      await events.close();
      await connection.quit(); // given to BullMQ, so closing it is ours
    }
  });
});
