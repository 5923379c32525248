import { INestMicroservice } from '@nestjs/common';
import { createRedis, RedisClient } from '@keygate/connections';
import { bootRpcService, testEnv } from '@keygate/testing';
import { QuotaLedger, dayIndexOf, isoDate } from '@keygate/usage';
import { UsageServiceModule } from '../../apps/usage-service/src/usage-service.module';
import { DailyRollup } from '../../apps/usage-service/src/rollups/daily-rollup';

describe('daily rollups', () => {
  const env = testEnv();
  let redis: RedisClient;
  let usageService: INestMicroservice;

  beforeAll(async () => {
    redis = createRedis(env.REDIS_URL, 'rollup-spec');
    usageService = await bootRpcService(UsageServiceModule, env);
  });
  afterAll(async () => {
    await usageService.close();
    await redis.quit();
  });

  it('copies each account’s and key’s day into MongoDB, and a second run changes nothing', async () => {
    const now = Date.now();
    const day = dayIndexOf(now);
    const ledger = new QuotaLedger(redis, env.KEYGATE_REDIS_NAMESPACE);
    const accountId = `acc_rollup_${Math.random().toString(36).slice(2, 8)}`;
    for (let i = 0; i < 5; i++) await ledger.admit(accountId, i < 3 ? 'key_a' : 'key_b', 100, now);
    await ledger.admit(accountId, 'key_a', 100, now - 86_400_000); // yesterday: not in today's rollup

    const rollup = usageService.get(DailyRollup);
    await rollup.run(day);
    const first = await rollup.rollupsOf(accountId);
    await rollup.run(day);
    expect(await rollup.rollupsOf(accountId)).toEqual(first);
    expect(first.map(({ keyId, date, calls }) => ({ keyId, date, calls }))).toEqual([
      { keyId: null, date: isoDate(day), calls: 5 },
      { keyId: 'key_a', date: isoDate(day), calls: 3 },
      { keyId: 'key_b', date: isoDate(day), calls: 2 },
    ]);
  });

  it('rolls up and re-rolls more accounts than one write command may carry', async () => {
    const now = Date.now();
    const day = dayIndexOf(now);
    const ledger = new QuotaLedger(redis, env.KEYGATE_REDIS_NAMESPACE);
    const prefix = `acc_many_${Math.random().toString(36).slice(2, 8)}`;
    const accounts = Array.from({ length: 70 }, (_, i) => `${prefix}_${i}`);
    await Promise.all(accounts.map((accountId) => ledger.admit(accountId, 'key_a', 100, now)));

    const rollup = usageService.get(DailyRollup);
    await rollup.run(day);
    await ledger.admit(accounts[0], 'key_a', 100, now);
    await rollup.run(day); // replaces 140 existing rollups: once hung FerretDB's connection pool

    expect((await rollup.rollupsOf(accounts[0])).map((r) => r.calls)).toEqual([2, 2]);
    expect((await rollup.rollupsOf(accounts[69])).map((r) => r.calls)).toEqual([1, 1]);
  });
});
