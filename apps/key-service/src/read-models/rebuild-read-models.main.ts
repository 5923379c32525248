import 'reflect-metadata';
import { loadKeyServiceConfig } from '@keygate/config';
import { systemClock } from '@keygate/contracts';
import { connectMongo, createRedis, withRedisLock } from '@keygate/connections';
import { ProjectionCheckpoint } from '../outbox/projection-checkpoint';
import { EventSourcedRepository } from '../event-store/event-sourced.repository';
import { MongoEventStore } from '../event-store/mongo-event-store.repository';
import { ReadModelProjector } from './read-model.projector';
import { ReadModels } from './read-models.repository';

/**
 * `npm run rebuild-read-models`: drops the read models and folds them again from the events,
 * then writes the gateways' projection checkpoint in Redis afresh from them. Both under the
 * outbox lock, so a running key service publishes nothing meanwhile.
 */
async function main(): Promise<void> {
  const config = loadKeyServiceConfig();
  const mongo = await connectMongo(config.mongoUrl);
  const redis = createRedis(config.redisUrl, 'keygate-rebuild');
  try {
    const store = new MongoEventStore(mongo);
    const readModels = new ReadModels(mongo);
    await readModels.onModuleInit();
    const started = Date.now();
    await withRedisLock(
      redis,
      `${config.eventStream}:outbox-lock`,
      async () => {
        const counts = await new ReadModelProjector(
          new EventSourcedRepository(store),
          readModels,
        ).rebuild(store);
        console.log(
          `rebuilt ${counts.accounts} accounts and ${counts.keys} keys in ${Date.now() - started} ms`,
        );
        const [last] = (await redis.xrevrange(config.eventStream, '+', '-', 'COUNT', 1)) as Array<
          [string, string[]]
        >;
        const checkpoint = new ProjectionCheckpoint(redis, config, systemClock, readModels);
        await checkpoint.rebuild(last ? last[0] : '0-0');
      },
      { leaseMs: 600_000, waitMs: 30_000 },
    );
  } finally {
    await mongo.close();
    redis.disconnect();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
