import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { KEYGATE_CONFIG, KeyServiceConfig } from '@keygate/config';
import { EventEnvelope } from '@keygate/contracts';
import { LockTimeoutError, REDIS, RedisClient, withRedisLock } from '@keygate/connections';
import { EVENT_STORE, EventStore, ImportBatch, OutboxEntry } from '../event-store/event-store.port';
import { ReadModelProjector } from '../read-models/read-model.projector';
import { EventStreamPublisher } from './event-stream.publisher';

const BATCH = 500;
const RETRY_INTERVAL_MS = 1000;
/** How often the outbox is searched for entries whose writer is gone. */
const ADOPTION_INTERVAL_MS = 5000;
/** A writer is alive while its presence key lasts; it renews it every ADOPTION_INTERVAL_MS. */
const WRITER_PRESENCE_MS = 15_000;
/** An entry of this process that is neither published nor waiting: its append failed half-way. */
const OWN_ENTRY_ABANDONED_MS = 60_000;

export type PublishedListener = (events: EventEnvelope[]) => Promise<void>;

/**
 * Every append writes an outbox entry before its events. The relay projects the events into the
 * read models, XADDs them to the Redis stream with the projection checkpoint, and only then
 * removes the entry; the checkpoint's versions make a second publication of the same entry add
 * nothing. A process publishes its own appends from memory (the store hands each to the relay as
 * it is stored), so a pass reads nothing from the store; entries whose writer is gone (a crash, a failed append) are
 * found in the outbox, checked against their streams and published or dropped. Commands call
 * flush() and answer after it; a timer catches whatever was left behind.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly listeners: PublishedListener[] = [];
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private checkpointEnsured = false;
  private nextAdoptionAt = 0;
  private presenceRenewedAt = 0;
  // True at start-up: a batch a crash left ready is read back from the store.
  private importBatchesWaiting = true;
  // Batches this process's imports just stored, published from memory (no read of the store).
  private readonly stagedBatches: ImportBatch[] = [];
  // This process's appends, handed over by the store as they are stored, oldest first.
  private stagedEntries: OutboxEntry[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(KEYGATE_CONFIG) private readonly config: KeyServiceConfig,
    private readonly projector: ReadModelProjector,
    private readonly publisher: EventStreamPublisher,
  ) {
    store.onAppended((entry) => this.stagedEntries.push(entry));
  }

  onPublished(listener: PublishedListener): void {
    this.listeners.push(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.renewPresence();
    await this.flush();
    this.timer = setInterval(
      () =>
        this.tick().catch((e) => this.logger.warn(`relay retry failed: ${(e as Error).message}`)),
      RETRY_INTERVAL_MS,
    );
    this.timer.unref();
  }

  /**
   * Lets a pass under way finish, so its lease is released before the Redis connection closes;
   * then gives up this writer's presence, so another relay takes over what is left at once.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    await this.redis.del(this.presenceKey(this.store.writer)).catch(() => undefined);
  }

  /** Publishes an import batch just stored (then everything else), from the events in hand. */
  publishImportBatch(batch: ImportBatch): Promise<void> {
    this.stagedBatches.push(batch);
    return this.flush();
  }

  /** Resolves once everything this process stored before the call has been published. */
  flush(): Promise<void> {
    if (!this.running) {
      this.running = this.drainUnderLock().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    // A pass is under way and may have taken its entries before the caller's append: every
    // caller arriving now shares one more pass after it.
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.flush();
      });
    return this.queued;
  }

  private async tick(): Promise<void> {
    if (Date.now() - this.presenceRenewedAt >= ADOPTION_INTERVAL_MS) await this.renewPresence();
    await this.flush();
  }

  private async renewPresence(): Promise<void> {
    await this.redis.set(this.presenceKey(this.store.writer), '1', 'PX', WRITER_PRESENCE_MS);
    this.presenceRenewedAt = Date.now();
  }

  private presenceKey(writer: string): string {
    return `{${this.config.eventStream}}:outbox-writer:${writer}`;
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

  private async drain(): Promise<void> {
    // Once per process: a Redis without the checkpoint (new, or restarted empty) gets it now,
    // even when nothing is waiting to be published. Later losses surface as NOCHECKPOINT.
    if (!this.checkpointEnsured) {
      await this.publisher.ensureCheckpoint();
      this.checkpointEnsured = true;
    }
    await this.drainImportBatches(); // what failed stays staged or ready: the timer tries again
    await this.publishEntries([...this.stagedEntries]);
    if (Date.now() >= this.nextAdoptionAt) {
      await this.adoptLeftBehind();
      this.nextAdoptionAt = Date.now() + ADOPTION_INTERVAL_MS;
    }
  }

  /**
   * Entries' events, a page of about BATCH events at a time: projected, published (what is not on
   * the stream yet), then the page's entries removed.
   */
  private async publishEntries(entries: OutboxEntry[]): Promise<void> {
    for (let rest = entries; rest.length > 0;) {
      const page = upTo(rest, BATCH);
      await this.publishEvents(inStreamOrder(page.flatMap((entry) => entry.events)));
      const done = new Set(page.map((entry) => entry.entryId));
      await this.store.published([...done]);
      this.stagedEntries = this.stagedEntries.filter((entry) => !done.has(entry.entryId));
      rest = rest.slice(page.length);
    }
  }

  private async publishEvents(envelopes: EventEnvelope[]): Promise<void> {
    await this.projector.project(envelopes);
    await this.notify(await this.publisher.publish(envelopes));
  }

  /**
   * Entries no live writer will publish: those of writers whose presence expired (a crash), and
   * this process's own entries of appends that failed half-way. Each is checked against its
   * stream: the events it names that were stored are published, the entry removed either way.
   */
  private async adoptLeftBehind(): Promise<void> {
    const waiting = new Set(this.stagedEntries.map((entry) => entry.entryId));
    const others = (await this.store.outboxEntries()).filter((e) => !waiting.has(e.entryId));
    if (others.length === 0) return;
    const writers = [...new Set(others.map((entry) => entry.writer))];
    const presence = await this.redis.mget(...writers.map((w) => this.presenceKey(w)));
    const gone = new Set(writers.filter((_, i) => presence[i] === null));
    const now = Date.now();
    const abandoned = others.filter((entry) =>
      entry.writer === this.store.writer
        ? now - Date.parse(entry.createdAt) > OWN_ENTRY_ABANDONED_MS
        : gone.has(entry.writer),
    );
    const streams = new Map<string, Set<string>>();
    for (const streamId of new Set(abandoned.map((entry) => entry.streamId)))
      streams.set(streamId, new Set((await this.store.readStream(streamId)).map((e) => e.eventId)));
    const checked = abandoned.map((entry) => ({
      ...entry,
      events: entry.events.filter((event) => streams.get(entry.streamId)?.has(event.eventId)),
    }));
    await this.publishEntries(checked);
    if (abandoned.length > 0)
      this.logger.log(`published ${abandoned.length} outbox entries left by writers that are gone`);
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
    for (let start = 0; start < events.length; start += BATCH)
      await this.publishEvents(events.slice(start, start + BATCH));
    await this.store.markImportBatchPublished(batchId);
  }

  private async notify(envelopes: EventEnvelope[]): Promise<void> {
    if (envelopes.length === 0) return;
    for (const listener of this.listeners) {
      await listener(envelopes).catch((e) =>
        this.logger.error(`published-event listener failed: ${(e as Error).message}`),
      );
    }
  }
}

/** The first entries holding about `events` events between them (at least one entry). */
function upTo(entries: OutboxEntry[], events: number): OutboxEntry[] {
  let count = 0;
  let taken = 0;
  while (taken < entries.length && (taken === 0 || count + entries[taken].events.length <= events))
    count += entries[taken++].events.length;
  return entries.slice(0, taken);
}

/**
 * Keeps the given order but guarantees each stream's events go out in version order, even if
 * two writers' appends interleaved.
 */
export function inStreamOrder(events: EventEnvelope[]): EventEnvelope[] {
  const byStream = new Map<string, EventEnvelope[]>();
  for (const event of events) {
    const list = byStream.get(event.streamId) ?? [];
    list.push(event);
    byStream.set(event.streamId, list);
  }
  for (const list of byStream.values()) list.sort((a, b) => a.version - b.version);
  const cursors = new Map<string, number>();
  return events.map((event) => {
    const index = cursors.get(event.streamId) ?? 0;
    cursors.set(event.streamId, index + 1);
    return byStream.get(event.streamId)![index];
  });
}
