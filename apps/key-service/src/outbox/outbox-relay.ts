import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import Redis from 'ioredis';
import { KEYGATE_CONFIG, KeygateConfig } from '@keygate/config';
import { EventEnvelope } from '@keygate/contracts';
import { LockTimeoutError, REDIS, withRedisLock } from '@keygate/connections';
import {
  EVENT_STORE,
  EventStore,
  ImportBatch,
  UnpublishedEvent,
} from '../event-store/event-store.port';
import { ReadModelProjector } from '../read-models/read-model.projector';
import { EventStreamPublisher } from './event-stream.publisher';

const BATCH = 500;
const RETRY_INTERVAL_MS = 1000;

export type PublishedListener = (events: EventEnvelope[]) => Promise<void>;

/**
 * Every stored event starts unpublished. The relay projects it into the read models, XADDs it to
 * the Redis stream and only then marks it published, so an event appended just before a crash is
 * published after the restart (at-least-once; consumers drop duplicates by eventId). Commands
 * call flush() and answer after it; a timer and start-up catch whatever was left behind.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly listeners: PublishedListener[] = [];
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private checkpointEnsured = false;
  // True at start-up: a batch a crash left ready is read back from the store.
  private importBatchesWaiting = true;
  // Batches this process's imports just stored, published from memory (no read of the store).
  private readonly stagedBatches: ImportBatch[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(KEYGATE_CONFIG) private readonly config: KeygateConfig,
    private readonly projector: ReadModelProjector,
    private readonly publisher: EventStreamPublisher,
  ) {}

  onPublished(listener: PublishedListener): void {
    this.listeners.push(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.flush();
    this.timer = setInterval(
      () =>
        this.flush().catch((e) => this.logger.warn(`relay retry failed: ${(e as Error).message}`)),
      RETRY_INTERVAL_MS,
    );
    this.timer.unref();
  }

  /** Lets a pass under way finish, so its lease is released before the Redis connection closes. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Publishes an import batch just stored (then everything else), from the events in hand. */
  publishImportBatch(batch: ImportBatch): Promise<void> {
    this.stagedBatches.push(batch);
    return this.flush();
  }

  /** Resolves once everything stored before the call has been published (by this process or another). */
  flush(): Promise<void> {
    if (!this.running) {
      this.running = this.drainUnderLock().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    // A pass is under way and may have read the store before the caller's append: every caller
    // arriving now shares one more pass after it.
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.flush();
      });
    return this.queued;
  }

  private async drainUnderLock(): Promise<void> {
    try {
      await withRedisLock(
        this.redis,
        `${this.config.eventStream}:outbox-lock`,
        () => this.drain(),
        {
          leaseMs: 10_000,
          waitMs: 5_000,
        },
      );
    } catch (error) {
      if (!(error instanceof LockTimeoutError)) throw error;
      this.logger.warn('another relay holds the outbox lock; its owner will publish');
    }
  }

  /** Import batches: those staged by this process, and at start-up those a crash left ready. */
  private async drainImportBatches(): Promise<void> {
    while (this.stagedBatches.length > 0) {
      await this.publishBatch(this.stagedBatches[0]);
      this.stagedBatches.shift();
    }
    if (!this.importBatchesWaiting) return;
    for (const batch of await this.store.readyImportBatches()) await this.publishBatch(batch);
    this.importBatchesWaiting = false;
  }

  /** An import's events, a page at a time: projected, published, then the batch marked done. */
  private async publishBatch({ batchId, events }: ImportBatch): Promise<void> {
    for (let start = 0; start < events.length; start += BATCH) {
      const page = events.slice(start, start + BATCH);
      await this.projector.project(page);
      await this.publisher.publish(page);
      await this.notify(page);
    }
    await this.store.markImportBatchPublished(batchId);
  }

  private async notify(envelopes: EventEnvelope[]): Promise<void> {
    for (const listener of this.listeners) {
      await listener(envelopes).catch((e) =>
        this.logger.error(`published-event listener failed: ${(e as Error).message}`),
      );
    }
  }

  private async drain(): Promise<void> {
    // Once per process: a Redis without the checkpoint (new, or restarted empty) gets it now,
    // even when nothing is waiting to be published. Later losses surface as NOCHECKPOINT.
    if (!this.checkpointEnsured) {
      await this.publisher.ensureCheckpoint();
      this.checkpointEnsured = true;
    }
    await this.drainImportBatches(); // what failed stays staged or ready: the timer tries again
    for (;;) {
      const batch = inStreamOrder(await this.store.unpublished(BATCH));
      if (batch.length === 0) return;
      const envelopes = batch.map((e) => e.envelope);
      await this.projector.project(envelopes);
      await this.publisher.publish(envelopes);
      await this.store.markPublished(batch.map((e) => e.storeId));
      await this.notify(envelopes);
      if (batch.length < BATCH) return;
    }
  }
}

/**
 * Keeps the store's insertion order but guarantees each stream's events go out in version order,
 * even if two writers' inserts interleaved.
 */
export function inStreamOrder(events: UnpublishedEvent[]): UnpublishedEvent[] {
  const byStream = new Map<string, UnpublishedEvent[]>();
  for (const event of events) {
    const list = byStream.get(event.envelope.streamId) ?? [];
    list.push(event);
    byStream.set(event.envelope.streamId, list);
  }
  for (const list of byStream.values())
    list.sort((a, b) => a.envelope.version - b.envelope.version);
  const cursors = new Map<string, number>();
  return events.map((event) => {
    const streamId = event.envelope.streamId;
    const index = cursors.get(streamId) ?? 0;
    cursors.set(streamId, index + 1);
    return byStream.get(streamId)![index];
  });
}
