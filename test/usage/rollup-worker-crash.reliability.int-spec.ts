import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { INestMicroservice } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Connection } from 'mongoose';
import { connectMongo, createRedis, RedisClient } from '@keygate/connections';
import { bootRpcService, testEnv, waitFor } from '@keygate/testing';
import { QuotaLedger, dayIndexOf, isoDate } from '@keygate/usage';
import { UsageServiceModule } from '../../apps/usage-service/src/usage-service.module';
import { ROLLUP_QUEUE } from '../../apps/usage-service/src/rollups/rollup.queue';
import { USAGE_ROLLUP_COLLECTION } from '../../apps/usage-service/src/rollups/usage-rollup.schema';

const ROOT = join(__dirname, '..', '..');
const ACCOUNTS = 1200;

/**
 * A real usage-service process (the built dist/) is SIGKILLed while it writes a rollup; a second
 * usage service takes the stalled job over once the lock lapses and the rollups come out exact.
 */
describe('a usage-service worker killed mid-rollup', () => {
  const env = testEnv({ USAGE_JOB_LOCK_MS: '1000' });
  let redis: RedisClient;
  let mongo: Connection;
  let queue: Queue;
  let child: ChildProcess | null = null;
  let survivor: INestMicroservice | null = null;

  beforeAll(() => {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'ignore' });
    redis = createRedis(env.REDIS_URL, 'crash-spec');
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await survivor?.close();
    await queue?.close();
    await mongo?.dropDatabase().catch(() => undefined);
    await mongo?.close();
    await redis.quit();
  });

  it('leaves every account and key rollup exact, written once', async () => {
    const now = Date.now();
    const day = dayIndexOf(now);
    const prefix = `acc_crash_${Math.random().toString(36).slice(2, 8)}`;
    const ledger = new QuotaLedger(redis, env.KEYGATE_REDIS_NAMESPACE);
    const callsOf = (i: number) => (i % 3) + 1;
    for (let i = 0; i < ACCOUNTS; i += 100)
      await Promise.all(
        Array.from({ length: 100 }, (_, j) => i + j).flatMap((n) =>
          Array.from({ length: callsOf(n) }, () =>
            ledger.admit(`${prefix}_${n}`, 'key_a', 1000, now),
          ),
        ),
      );

    child = spawn(process.execPath, [join(ROOT, 'dist/apps/usage-service/src/main.js')], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    queue = new Queue(ROLLUP_QUEUE, {
      connection: { url: env.REDIS_URL } as never,
      prefix: env.KEYGATE_QUEUE_PREFIX,
    });
    await queue.add('rollup', { day }, { jobId: `rollup-${day}`, attempts: 5 });

    let progressAtKill = 0;
    await waitFor(
      async () => {
        const job = await queue.getJob(`rollup-${day}`);
        progressAtKill = Number(job?.progress ?? 0);
        return progressAtKill > 0;
      },
      60_000,
      5,
    );
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    const rollups = () => mongo.collection(USAGE_ROLLUP_COLLECTION);
    mongo = await connectMongo(env.MONGO_URL);
    const writtenAtKill = await rollups().countDocuments({
      accountId: { $regex: `^${prefix}_` },
    });
    expect(writtenAtKill).toBeLessThan(ACCOUNTS * 2); // really killed mid-job

    survivor = await bootRpcService(UsageServiceModule, env);
    await waitFor(
      async () => (await queue.getJobState(`rollup-${day}`)) === 'completed',
      60_000,
      50,
    );

    expect((await queue.getJob(`rollup-${day}`))?.stalledCounter).toBe(1); // taken over once
    const docs = await rollups()
      .find({ accountId: { $regex: `^${prefix}_` } })
      .toArray();
    expect(docs).toHaveLength(ACCOUNTS * 2);
    for (const doc of docs) {
      const n = Number(String(doc.accountId).slice(prefix.length + 1));
      expect(doc.calls).toBe(callsOf(n));
      expect(doc.date).toBe(isoDate(day));
    }
    console.log(
      `killed at progress ${progressAtKill} (${writtenAtKill} of ${ACCOUNTS * 2} rollups written); the survivor finished the job`,
    );
  });
});
