import { KeyServicePattern, KeyView } from '@keygate/contracts';
import { waitFor } from '@keygate/testing';
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
    const { account } = await harness.openAccount('Moved');
    const { key } = await harness.createKey(account.id, {
      expiresAt: new Date(Date.now() + 1000).toISOString(),
    });
    const later = new Date(Date.now() + 3000).toISOString();
    await harness.send(KeyServicePattern.UpdateKey, {
      accountId: account.id,
      keyId: key.id,
      expiresAt: later,
    });
    await new Promise((resolve) => setTimeout(resolve, 1800));
    expect(await expiredEvents(key.id)).toHaveLength(0);
    await waitFor(async () => (await expiredEvents(key.id)).length === 1, 10_000, 100);
    expect((await expiredEvents(key.id))[0].event.data).toMatchObject({ expiresAt: later });
  });
});
