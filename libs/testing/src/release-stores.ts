import { ClientProxy } from '@nestjs/microservices';
import type { RedisClient } from '@keygate/connections';
import { Connection } from 'mongoose';
import { checkpointKeys } from '@keygate/contracts';

/**
 * What a harness leaves behind, released: its RPC client closed, its database dropped, the event
 * stream and checkpoint it used deleted, its Redis connection quit. Each part may be missing (a
 * harness that failed to start).
 */
export async function releaseStores(stores: {
  client?: ClientProxy;
  mongo?: Connection;
  redis?: RedisClient;
  eventStream: string;
}): Promise<void> {
  await stores.client?.close();
  await stores.mongo?.dropDatabase().catch(() => undefined);
  await stores.mongo?.close();
  await stores.redis?.del(stores.eventStream, ...Object.values(checkpointKeys(stores.eventStream)));
  await stores.redis?.quit();
}
