import { KeyServicePattern, OpenedAccount } from '@keygate/contracts';
import { waitFor } from '@keygate/testing';
import { SystemHarness, withKey } from '../system.harness';

/** Gateways load the key service's checkpoint from Redis: they need Redis, not the key service. */
describe('a gateway started from the projection checkpoint', () => {
  const system = new SystemHarness();
  let opened: OpenedAccount;

  beforeAll(async () => {
    await system.start(1);
    opened = await system.openAccount('Checkpoint', 'enterprise');
  });
  afterAll(() => system.stop());

  const status = async (secret: string, gateway = system.gateways[0]) =>
    (await system.call('/api/v1/content/product', { headers: withKey(secret) }, gateway)).status;

  it('starts and serves while the key service is stopped', async () => {
    const { secret } = await system.createKey(opened.account.id, { name: 'before the outage' });
    await system.gatewaysCaughtUp();
    await system.keyService.close();
    try {
      const fresh = await system.startGateway();
      expect(fresh.projection.isReady).toBe(true);
      expect(await status(secret, fresh)).toBe(200);
      expect(await status(opened.applicationKeys[0].secret, fresh)).toBe(200);
      await system.stopGateway(fresh);
    } finally {
      await system.restartKeyService();
    }
  });

  it('reloads the checkpoint when the stream dropped entries it had not read, and converges', async () => {
    // A gateway following a copy of the stream, so the test decides what it sees and when.
    const stream = `${system.env.KEYGATE_EVENT_STREAM}:behind`;
    await system.copyCheckpoint(stream);
    const behind = await system.startGateway({ KEYGATE_EVENT_STREAM: stream });
    const { key, secret } = await system.createKey(opened.account.id, { name: 'to revoke' });
    await system.send(KeyServicePattern.RevokeKey, { accountId: opened.account.id, keyId: key.id });
    const entries = (await system.redis.xrange(system.env.KEYGATE_EVENT_STREAM, '-', '+')) as Array<
      [string, string[]]
    >;
    const [created, revoked] = entries.slice(-2);
    // The creation and the revoke reach the copy and are trimmed away in one step: the
    // gateway never reads them. Then one more event arrives, with the checkpoint that has all three.
    await system.redis
      .multi()
      .xadd(stream, created[0], ...created[1])
      .xadd(stream, revoked[0], ...revoked[1])
      .xtrim(stream, 'MAXLEN', 0)
      .exec();
    const later = await system.createKey(opened.account.id, { name: 'later' });
    await system.copyCheckpoint(stream); // written with the entry that follows
    const [last] = (
      (await system.redis.xrange(system.env.KEYGATE_EVENT_STREAM, '-', '+')) as Array<
        [string, string[]]
      >
    ).slice(-1);
    await system.redis.xadd(stream, last[0], ...last[1]);

    await waitFor(() => behind.projection.streamPosition === last[0], 5000);
    expect(behind.projection.projection.key(key.id)?.status).toBe('revoked');
    expect(await status(secret, behind)).toBe(401);
    expect(await status(later.secret, behind)).toBe(200);
    expect(behind.projection.projection.dump()).toEqual(
      system.gateways[0].projection.projection.dump(),
    );
    await system.stopGateway(behind);
  });
});
