import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import {
  EventEnvelope,
  KeyCreatedData,
  KeyEventType,
  KeyUpdatedData,
  CLOCK,
  Clock,
} from '@keygate/contracts';
import { KEYGATE_CONFIG, KeyServiceConfig } from '@keygate/config';
import { BullConnections } from '@keygate/connections';
import { OutboxRelay } from '../../../outbox/outbox-relay';
import { ReadModels } from '../../../read-models/read-models.repository';
import { ExpireKeyCommand } from './expire-key.command';
import { ExpireKeyHandler } from './expire-key.handler';

export const KEY_EXPIRY_QUEUE = 'key-expiry';

interface ExpiryJob {
  keyId: string;
  expiresAt: string;
}

/** One job id per (key, expiry): planning the same expiry twice is a no-op. */
export const expiryJobId = (keyId: string, expiresAt: string): string =>
  `${keyId}-${Date.parse(expiresAt)}`;

/**
 * Plans a BullMQ delayed job at each key's `expiresAt` when KeyCreated/KeyUpdated is published,
 * and re-plans every pending expiry at start-up (in case the process died before planning).
 * A job whose key's expiry has since changed finds itself superseded and does nothing.
 */
@Injectable()
export class KeyExpiryQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(KeyExpiryQueue.name);
  private queue!: Queue<ExpiryJob>;
  private worker!: Worker<ExpiryJob>;
  private connections?: BullConnections;

  constructor(
    @Inject(KEYGATE_CONFIG) private readonly config: KeyServiceConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly relay: OutboxRelay,
    private readonly readModels: ReadModels,
    private readonly expireKey: ExpireKeyHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connections = new BullConnections(this.config.redisUrl, 'keygate-key-expiry');
    this.queue = new Queue<ExpiryJob>(KEY_EXPIRY_QUEUE, {
      connection: this.connections.open(),
      prefix: this.config.queuePrefix,
    });
    this.worker = new Worker<ExpiryJob>(KEY_EXPIRY_QUEUE, (job) => this.process(job), {
      connection: this.connections.open(),
      prefix: this.config.queuePrefix,
      concurrency: 4,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.warn(`expiry job ${job?.id} failed: ${error.message}`),
    );
    // Redis away or failing over: the worker polls again by itself.
    this.worker.on('error', (error) => this.logger.warn(`waiting for jobs: ${error.message}`));
    this.relay.onPublished((events) => this.planFromEvents(events));
    for (const key of await this.readModels.activeKeysWithExpiry())
      await this.plan(key.id, key.expiresAt);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connections?.closeAfter(async () => {
      await this.worker?.close();
      await this.queue?.close();
    });
  }

  async plan(keyId: string, expiresAt: string): Promise<void> {
    const delay = Math.max(0, Date.parse(expiresAt) - this.clock.now().getTime());
    await this.queue.add(
      'expire',
      { keyId, expiresAt },
      {
        jobId: expiryJobId(keyId, expiresAt),
        delay,
        attempts: 10,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: true,
        removeOnFail: 1000,
      },
    );
  }

  private async planFromEvents(events: EventEnvelope[]): Promise<void> {
    for (const event of events) {
      if (event.type !== KeyEventType.KeyCreated && event.type !== KeyEventType.KeyUpdated)
        continue;
      const data = event.data as KeyCreatedData | KeyUpdatedData;
      if (data.expiresAt) await this.plan(data.keyId, data.expiresAt);
    }
  }

  private async process(job: Job<ExpiryJob>): Promise<string> {
    const outcome = await this.expireKey.execute(
      new ExpireKeyCommand(job.data.keyId, job.data.expiresAt),
    );
    // A timer that fired a little early: plan the same expiry again under a fresh id.
    if (outcome === 'not-yet') {
      const delay = Math.max(0, Date.parse(job.data.expiresAt) - this.clock.now().getTime());
      await this.queue.add('expire', job.data, {
        jobId: `${expiryJobId(job.data.keyId, job.data.expiresAt)}-r${Date.now()}`,
        delay,
        removeOnComplete: true,
      });
    }
    return outcome;
  }
}
