import { INestMicroservice } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { Connection } from 'mongoose';
import { DomainError, IssuedKey, OpenedAccount, CLOCK } from '@keygate/contracts';
import {
  connectMongo,
  createRedis,
  createRpcClient,
  RedisClient,
  sendRpc,
} from '@keygate/connections';
import { ProviderOverride, bootRpcService } from './boot-service';
import { readEventStream } from './event-stream.reader';
import { createKey, openAccount } from './key-service-commands';
import { ManualClock } from './manual-clock';
import { releaseStores } from './release-stores';
import { testEnv } from './test-env';

/** A running key service on real Redis and the Mongo-wire server, and an RPC client for it. */
export class KeyServiceHarnessOf {
  app!: INestMicroservice;
  client!: ClientProxy;
  redis!: RedisClient;
  mongo!: Connection;
  readonly clock = new ManualClock();

  constructor(
    /** The key service's root module, given by the caller (libs never import apps). */
    private readonly module: new (...args: never[]) => unknown,
    readonly env: Record<string, string> = testEnv(),
  ) {}

  async start(options: { realClock?: boolean } = {}): Promise<this> {
    const overrides: ProviderOverride[] = options.realClock
      ? []
      : [{ provide: CLOCK, useValue: this.clock }];
    this.app = await bootRpcService(this.module, this.env, overrides);
    this.client ??= createRpcClient(this.env.REDIS_URL);
    await this.client.connect();
    this.redis ??= createRedis(this.env.REDIS_URL, 'test');
    this.mongo ??= await connectMongo(this.env.MONGO_URL);
    return this;
  }

  async stopService(): Promise<void> {
    await this.app.close();
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await releaseStores({
      client: this.client,
      mongo: this.mongo,
      redis: this.redis,
      eventStream: this.env.KEYGATE_EVENT_STREAM,
    });
  }

  send<T>(pattern: string, payload: unknown = {}): Promise<T> {
    return sendRpc<T>(this.client, pattern, payload, 10_000);
  }

  /** The DomainError an RPC answers with, or fails the test if it succeeds. */
  async errorOf(pattern: string, payload: unknown): Promise<DomainError> {
    try {
      await this.send(pattern, payload);
    } catch (error) {
      return error as DomainError;
    }
    throw new Error(`${pattern} succeeded but an error was expected`);
  }

  openAccount(name = 'Acme', plan?: string): Promise<OpenedAccount> {
    return openAccount((pattern, payload) => this.send(pattern, payload), name, plan);
  }

  createKey(accountId: string, extra: Record<string, unknown> = {}): Promise<IssuedKey> {
    return createKey((pattern, payload) => this.send(pattern, payload), accountId, extra);
  }

  streamEntries() {
    return readEventStream(this.redis, this.env.KEYGATE_EVENT_STREAM);
  }

  /** What the outbox still holds: appends not published yet. */
  outboxEntries(): Promise<Array<Record<string, unknown>>> {
    return this.mongo.collection('outbox').find({}).toArray();
  }

  storedEvents(): Promise<Array<Record<string, unknown>>> {
    return this.mongo.collection('events').find({}).sort({ _id: 1 }).toArray();
  }
}
