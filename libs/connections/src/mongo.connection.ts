import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import mongoose, { Connection } from 'mongoose';
import { KEYGATE_CONFIG, StorageConfig } from '@keygate/config';

export const MONGO = Symbol('MONGO');

/**
 * One mongoose connection per process. Works against MongoDB and FerretDB alike: Keygate uses no
 * transactions, change streams or TTL indexes.
 */
export async function connectMongo(url: string): Promise<Connection> {
  return mongoose
    .createConnection(url, { serverSelectionTimeoutMS: 10_000, autoIndex: false })
    .asPromise();
}

@Injectable()
class MongoCloser implements OnApplicationShutdown {
  constructor(@Inject(MONGO) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: MONGO,
      inject: [KEYGATE_CONFIG],
      useFactory: (config: StorageConfig) => connectMongo(config.mongoUrl),
    },
    MongoCloser,
  ],
  exports: [MONGO],
})
export class MongoModule {}
