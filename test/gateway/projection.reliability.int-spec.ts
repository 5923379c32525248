import { KeyServicePattern, OpenedAccount, checkpointKeys } from '@keygate/contracts';
import { waitFor } from '@keygate/testing';
import { SystemHarness, withKey } from '../system.harness';

describe('gateway projection reliability', () => {
  const system = new SystemHarness();
  let opened: OpenedAccount;

  beforeAll(async () => {
    await system.start(2);
    opened = await system.openAccount('Reliable', 'enterprise');
  });
  afterAll(() => system.stop());

  it('stops a revoked key on two gateways within 100 ms of the acknowledgement', async () => {
    const timings: number[] = [];
    const callTimes: number[] = [];
    for (let round = 0; round < 5; round++) {
      const { key, secret } = await system.createKey(opened.account.id);
      await system.gatewaysCaughtUp();
      for (const gateway of system.gateways) {
        const started = performance.now();
        expect(
          (await system.call('/api/v1/content/product', { headers: withKey(secret) }, gateway))
            .status,
        ).toBe(200);
        callTimes.push(performance.now() - started);
      }

      await system.send(KeyServicePattern.RevokeKey, {
        accountId: opened.account.id,
        keyId: key.id,
      });
      const acknowledged = performance.now();
      await Promise.all(
        system.gateways.map((gateway) =>
          waitFor(
            async () =>
              (await system.call('/api/v1/content/product', { headers: withKey(secret) }, gateway))
                .status === 401,
            10_000,
            0,
          ),
        ),
      );
      timings.push(performance.now() - acknowledged);
    }
    // The slowest of five rounds, both gateways, against the 100 ms the spec allows; on a machine
    // so busy that one call takes longer, within a few calls' time (the bench measures the rest).
    const slowestCall = Math.max(...callTimes);
    expect(Math.max(...timings)).toBeLessThan(Math.max(100, 4 * slowestCall));
  });

  it('ends with the same projection when a gateway restarts while events happen', async () => {
    const reference = system.gateways[0];
    let restarted = system.gateways[1];
    let running = true;
    let i = 0;
    /** Until the churn below has made two more keys: events happening, whatever the pace. */
    const moreEvents = async () => {
      const mark = i;
      await waitFor(() => i >= mark + 2, 10_000);
    };
    const writes = (async () => {
      while (running) {
        const { key } = await system.createKey(opened.account.id, { name: `churn-${i++}` });
        await system.send(KeyServicePattern.RotateKey, {
          accountId: opened.account.id,
          keyId: key.id,
          gracePeriodSeconds: 60,
        });
        if (i % 2 === 0)
          await system.send(KeyServicePattern.RevokeKey, {
            accountId: opened.account.id,
            keyId: key.id,
          });
        if (i % 3 === 0)
          await system.send(KeyServicePattern.DeleteKey, {
            accountId: opened.account.id,
            keyId: key.id,
          });
      }
      return i;
    })();
    for (let cycle = 0; cycle < 3; cycle++) {
      await moreEvents();
      await system.stopGateway(restarted);
      await moreEvents(); // events the stopped gateway misses
      restarted = await system.startGateway();
    }
    await moreEvents();
    running = false;
    const rounds = await writes;
    expect(rounds).toBeGreaterThan(2);
    await system.gatewaysCaughtUp();
    expect(restarted.projection.projection.dump()).toEqual(reference.projection.projection.dump());
  });

  it('repairs a gap in a key’s versions by taking the key from the checkpoint', async () => {
    const { key } = await system.createKey(opened.account.id, { name: 'gappy' });
    await system.gatewaysCaughtUp();
    // A gateway reading a copy of the stream from which one event is missing.
    const lossy = `${system.env.KEYGATE_EVENT_STREAM}:lossy`;
    await system.copyCheckpoint(lossy);
    const gateway = await system.startGateway({ KEYGATE_EVENT_STREAM: lossy });
    const rotated = await system.send<{ secret: string }>(KeyServicePattern.RotateKey, {
      accountId: opened.account.id,
      keyId: key.id,
    });
    await system.send(KeyServicePattern.UpdateKey, {
      accountId: opened.account.id,
      keyId: key.id,
      name: 'renamed',
    });
    const entries = (await system.redis.xrange(system.env.KEYGATE_EVENT_STREAM, '-', '+')) as Array<
      [string, string[]]
    >;
    const [lastEntry] = entries.slice(-1);
    await system.copyCheckpoint(lossy); // the key service writes the checkpoint with the entry
    await system.redis.xadd(lossy, lastEntry[0], ...lastEntry[1]); // the update (v3) without the rotation (v2)
    await waitFor(() => gateway.projection.projection.key(key.id)?.version === 3, 3000);
    expect(gateway.projection.projection.key(key.id)).toMatchObject({
      name: 'renamed',
      version: 3,
    });
    expect(
      (await system.call('/api/v1/content/product', { headers: withKey(rotated.secret) }, gateway))
        .status,
    ).toBe(200);
    await system.stopGateway(gateway);
    await system.redis.del(lossy, ...Object.values(checkpointKeys(lossy)));
  });

  it('resumes from its last position after losing its Redis connection', async () => {
    const gateway = system.gateways[0];
    // Cut the gateways' stream readers (and only them) as a network failure would.
    const clients = String(await system.redis.client('LIST')).split('\n');
    const readers = clients
      .filter((line) => line.includes('name=keygate-gateway-projection'))
      .map((line) => /id=(\d+)/.exec(line)![1]);
    expect(readers.length).toBeGreaterThanOrEqual(2);
    for (const id of readers) await system.redis.client('KILL', 'ID', id);
    const { secret } = await system.createKey(opened.account.id, { name: 'after-kill' });
    await system.gatewaysCaughtUp();
    expect(
      (await system.call('/api/v1/content/product', { headers: withKey(secret) }, gateway)).status,
    ).toBe(200);
  });
});
