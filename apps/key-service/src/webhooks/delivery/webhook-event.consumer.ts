import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { hostname } from 'node:os';
import { CLOCK, Clock, EVENT_STREAM_FIELD, EventEnvelope } from '@keygate/contracts';
import { KEYGATE_CONFIG, KeyServiceConfig } from '@keygate/config';
import { closeRedis, createRedis, REDIS, RedisClient, StopSignal } from '@keygate/connections';
import { WebhookEndpointsRepository } from '../webhook-endpoints.repository';
import { seqOf } from './delivery-order';
import { KeyFactsReader } from './key-facts';
import { WebhookDeliveries } from './webhook-deliveries';
import { WebhookDeliveryWorker } from './webhook-delivery.worker';
import { needsKeyFacts, noticesOf } from './webhook-notices';

/** The consumer group every key service reads the event stream in, for webhooks. */
export const WEBHOOK_CONSUMER_GROUP = 'keygate-webhooks';
const BATCH = 200;
/** Entries another consumer read and did not acknowledge for this long: its process is gone. */
const ORPHANED_AFTER_MS = 60_000;
const PAUSE_AFTER_ERROR_MS = 1_000;

type StreamEntries = Array<[id: string, fields: string[]]>;

/**
 * Turns the event stream into deliveries, through a Redis consumer group: an entry is
 * acknowledged only once its deliveries are queued (idempotently: one per event and endpoint),
 * so a key service that stopped or died catches up from where the group stands, and entries
 * a dead consumer held are claimed by the living after ORPHANED_AFTER_MS.
 */
@Injectable()
export class WebhookEventConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookEventConsumer.name);
  // One name per host: a key service restarted there reads what it had not acknowledged at once
  // (two on one host share it harmlessly: queueing a delivery twice is a no-op).
  private readonly consumer = `key-service@${hostname()}`;
  private reader?: RedisClient;
  private loop?: Promise<void>;
  private readonly stopping = new StopSignal();

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(KEYGATE_CONFIG) private readonly config: KeyServiceConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveries,
    private readonly keyFacts: KeyFactsReader,
    private readonly worker: WebhookDeliveryWorker,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // From the stream's end when the group is new: history before the first start is not news.
    await this.redis
      .xgroup('CREATE', this.config.eventStream, WEBHOOK_CONSUMER_GROUP, '$', 'MKSTREAM')
      .catch((error: Error) => {
        if (!error.message.includes('BUSYGROUP')) throw error;
      });
    // Its own connection: a blocking read would hold up every other command on the shared one.
    this.reader = createRedis(this.config.redisUrl, 'keygate-webhooks');
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.stop();
    await this.loop;
    if (this.reader) await closeRedis(this.reader);
  }

  private async run(): Promise<void> {
    let backlog = true;
    while (!this.stopping.isStopped) {
      try {
        if (backlog) {
          const orphaned = await this.unlessStopped(this.claimOrphaned());
          const own = await this.unlessStopped(this.read('0', 0));
          if (orphaned.length === 0 && own.length === 0) backlog = false;
          await this.handle([...orphaned, ...own]);
        } else {
          await this.handle(await this.unlessStopped(this.read('>', this.config.webhooks.pollMs)));
        }
      } catch (error) {
        if (this.stopping.isStopped) return;
        this.logger.warn(`reading events for webhooks: ${(error as Error).message}`);
        backlog = true;
        await this.stopping.pause(PAUSE_AFTER_ERROR_MS);
      }
    }
  }

  /** What the command answers, or nothing once the consumer is stopping. */
  private unlessStopped(command: Promise<StreamEntries>): Promise<StreamEntries> {
    return this.stopping.unless(command, []);
  }

  private async read(from: '0' | '>', blockMs: number): Promise<StreamEntries> {
    const args = ['GROUP', WEBHOOK_CONSUMER_GROUP, this.consumer, 'COUNT', String(BATCH)];
    if (blockMs > 0) args.push('BLOCK', String(blockMs));
    const answer = (await this.reader!.call(
      'XREADGROUP',
      ...args,
      'STREAMS',
      this.config.eventStream,
      from,
    )) as Array<[string, StreamEntries]> | null;
    return answer?.[0]?.[1] ?? [];
  }

  private async claimOrphaned(): Promise<StreamEntries> {
    const [, entries] = (await this.reader!.call(
      'XAUTOCLAIM',
      this.config.eventStream,
      WEBHOOK_CONSUMER_GROUP,
      this.consumer,
      String(ORPHANED_AFTER_MS),
      '0-0',
      'COUNT',
      String(BATCH),
    )) as [string, StreamEntries];
    return entries.filter(([, fields]) => fields !== null);
  }

  private async handle(entries: StreamEntries): Promise<void> {
    if (entries.length === 0) return;
    let queued = false;
    for (const [id, fields] of entries) queued = (await this.queue(id, fields)) || queued;
    await this.reader!.xack(
      this.config.eventStream,
      WEBHOOK_CONSUMER_GROUP,
      ...entries.map(([id]) => id),
    );
    if (queued) this.worker.wake();
  }

  private async queue(entryId: string, fields: string[]): Promise<boolean> {
    const json = fields[fields.indexOf(EVENT_STREAM_FIELD) + 1];
    if (!json) return false;
    const event = JSON.parse(json) as EventEnvelope;
    const key = needsKeyFacts(event) ? await this.keyFacts.asOf(event) : null;
    let queued = false;
    for (const [i, notice] of noticesOf(event, key).entries()) {
      const endpoints = await this.endpoints.subscribed(notice.accountId, notice.type);
      if (endpoints.length === 0) continue;
      await this.deliveries.add(
        notice,
        endpoints.map((endpoint) => endpoint._id),
        // A second notice of one entry sorts right after the first.
        `${seqOf(entryId)}-${i}`,
        this.clock.now(),
      );
      queued = true;
    }
    return queued;
  }
}
