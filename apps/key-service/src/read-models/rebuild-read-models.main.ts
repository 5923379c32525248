import 'reflect-metadata';
import { loadConfig } from '@keygate/config';
import { connectMongo } from '@keygate/connections';
import { EventSourcedRepository } from '../event-store/event-sourced.repository';
import { MongoEventStore } from '../event-store/mongo-event-store.repository';
import { ReadModelProjector } from './read-model.projector';
import { ReadModels } from './read-models.repository';

/** `npm run rebuild-read-models`: drops the read models and folds them again from the events. */
async function main(): Promise<void> {
  const config = loadConfig();
  const mongo = await connectMongo(config.mongoUrl);
  try {
    const store = new MongoEventStore(mongo);
    const readModels = new ReadModels(mongo);
    await readModels.onModuleInit();
    const started = Date.now();
    const counts = await new ReadModelProjector(
      new EventSourcedRepository(store),
      readModels,
    ).rebuild(store);
    console.log(
      `rebuilt ${counts.accounts} accounts and ${counts.keys} keys in ${Date.now() - started} ms`,
    );
  } finally {
    await mongo.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
