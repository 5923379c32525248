import { QuotaThresholdReached, UsageEventType } from '@keygate/contracts';
import { readEventStream, waitFor } from '@keygate/testing';
import { QuotaAlerts } from '../../apps/usage-service/src/alerts/quota-alerts';
import { SystemHarness, withKey } from '../system.harness';

const PLANS = {
  starter: { apiAccess: true, callLimit: 100000, maxUserKeys: 5 },
  ten: { apiAccess: true, callLimit: 10, maxUserKeys: 5 },
};

describe('quota alerts at 80 % and 100 %', () => {
  const system = new SystemHarness(
    { KEYGATE_PLANS: JSON.stringify(PLANS) },
    { usageService: true },
  );

  beforeAll(() => system.start(2));
  afterAll(() => system.stop());

  const alertEvents = async (accountId: string) =>
    (await readEventStream(system.redis, system.env.KEYGATE_EVENT_STREAM))
      .map((e) => e.event)
      .filter(
        (e): e is QuotaThresholdReached =>
          e.type === UsageEventType.QuotaThresholdReached &&
          (e as QuotaThresholdReached).data.accountId === accountId,
      );

  it('publishes QuotaThresholdReached once per threshold, whatever the gateways and retries', async () => {
    const opened = await system.openAccount('Alerted', 'ten');
    await system.gatewaysCaughtUp();
    const secret = opened.applicationKeys[0].secret;
    const answers = await Promise.all(
      Array.from({ length: 14 }, (_, i) =>
        system.call(
          '/api/v1/content/product',
          { headers: withKey(secret) },
          system.gateways[i % 2],
        ),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(10);

    await waitFor(async () => (await alertEvents(opened.account.id)).length === 2, 10_000);
    // Two gateways may cross 80 % and 100 % in the same instant and queue the jobs in either
    // order; the stream has them in threshold order all the same.
    const events = await alertEvents(opened.account.id);
    expect(events.map((e) => [e.data.threshold, e.data.used, e.data.limit])).toEqual([
      [80, 8, 10],
      [100, 10, 10],
    ]);
    expect(events.map((e) => e.streamId)).toEqual([
      `usage-${opened.account.id}`,
      `usage-${opened.account.id}`,
    ]);

    // A job retried (say after a worker died) records and publishes nothing new.
    const alerts = system.usageService!.get(QuotaAlerts);
    const [first] = await alerts.alertsOf(opened.account.id);
    await alerts.raise({
      accountId: opened.account.id,
      threshold: 80,
      used: 8,
      limit: 10,
      day: Number(events[0].version / 1000) | 0,
      raisedAt: new Date().toISOString(),
    });
    expect(await alerts.alertsOf(opened.account.id)).toHaveLength(2);
    expect((await alerts.alertsOf(opened.account.id))[0]).toEqual(first);
    expect(await alertEvents(opened.account.id)).toHaveLength(2);
  });

  it('publishes 80 % before 100 % when the 100 % job comes first', async () => {
    const opened = await system.openAccount('Out of order', 'ten');
    const alerts = system.usageService!.get(QuotaAlerts);
    const job = { accountId: opened.account.id, limit: 10, day: 20_000 };
    await alerts.raise({ ...job, threshold: 100, used: 10, raisedAt: '2024-10-04T10:00:02.000Z' });
    await alerts.raise({ ...job, threshold: 80, used: 8, raisedAt: '2024-10-04T10:00:01.000Z' });

    const events = await alertEvents(opened.account.id);
    expect(events.map((e) => [e.data.threshold, e.data.used, e.version])).toEqual([
      [80, 8, 20_000_080],
      [100, 10, 20_000_100],
    ]);
    expect(
      (await alerts.alertsOf(opened.account.id)).map((a) => [a.threshold, a.published]),
    ).toEqual([
      [80, true],
      [100, true],
    ]);
  });
});
