import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { KEYGATE_CONFIG, GatewayConfig } from '@keygate/config';
import {
  ACCOUNT_STREAM_PREFIX,
  EVENT_STREAM_FIELD,
  EventEnvelope,
  KEY_STREAM_PREFIX,
  ServiceUnavailableError,
  revokedKeyOf,
} from '@keygate/contracts';
import { CheckpointReader, createRedis, RedisClient } from '@keygate/connections';
import { KeyProjection } from './key-projection';

const BLOCK_MS = 5000;
/** A read outstanding this much longer than it may block is taken as a stalled link. */
const READ_GRACE_MS = 500;
const BATCH = 1000;

/**
 * Keeps the in-memory KeyProjection current: the checkpoint the key service keeps in Redis,
 * loaded in pages, then every stream entry after its position, read with XREAD BLOCK on a
 * connection of its own so a revoke reaches this gateway as soon as it is XADDed. A lost
 * connection resumes from the last position read; a position the stream has trimmed away
 * reloads the checkpoint, and a gap in a key's versions takes that key's record from it.
 */
@Injectable()
export class ProjectionService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly projection = new KeyProjection();
  private readonly logger = new Logger(ProjectionService.name);
  private redis!: RedisClient;
  private reader!: CheckpointReader;
  private running = false;
  private position = '0-0';
  private loaded = false;
  private lastEventAt: number | null = null;
  private checkpointLoadedAt: number | null = null;
  /** When the stream last answered (ms), and since when a read has been outstanding. */
  private lastReadAt = 0;
  private readingSince: number | null = null;
  private readonly blockMs: number;
  private readonly revocationListeners: Array<(keyId: string) => void> = [];
  private readyPromise!: Promise<void>;
  private loop: Promise<void> | null = null;

  constructor(@Inject(KEYGATE_CONFIG) private readonly config: GatewayConfig) {
    // With a staleness bound a healthy gateway hears from the stream well within it.
    const bound = config.projectionMaxStalenessSeconds * 1000;
    this.blockMs = bound > 0 ? Math.max(100, Math.min(BLOCK_MS, Math.floor(bound / 2))) : BLOCK_MS;
  }

  get isReady(): boolean {
    return this.loaded;
  }

  get streamPosition(): string {
    return this.position;
  }

  /**
   * How long (ms) this gateway has not heard from the event stream: 0 while its reads come back
   * (or one is still within its blocking time), else the time since the last one did.
   */
  stalenessMs(now = Date.now()): number {
    if (!this.loaded) return 0;
    if (this.readingSince !== null && now - this.readingSince <= this.blockMs + READ_GRACE_MS)
      return 0;
    return Math.max(0, now - this.lastReadAt);
  }

  /**
   * Whether the keys can be trusted: `starting` before the checkpoint is loaded, `stale` when
   * (with PROJECTION_MAX_STALENESS_SECONDS) the stream has been unheard for longer than that and
   * a revoke may have been missed, else `serving`.
   */
  servingState(now = Date.now()): 'starting' | 'stale' | 'serving' {
    if (!this.loaded) return 'starting';
    const bound = this.config.projectionMaxStalenessSeconds;
    return bound > 0 && this.stalenessMs(now) > bound * 1000 ? 'stale' : 'serving';
  }

  /** Throws SERVICE_UNAVAILABLE unless the keys can be trusted (servingState). */
  assertServing(now = Date.now()): void {
    const state = this.servingState(now);
    if (state === 'starting')
      throw new ServiceUnavailableError('The gateway is still loading its keys; retry shortly');
    if (state === 'stale')
      throw new ServiceUnavailableError(
        `The gateway has not heard from the key stream for ${Math.floor(this.stalenessMs(now) / 1000)} s; retry shortly`,
      );
  }

  /** When the checkpoint was last loaded (ms): every change made before is held. */
  get loadedAt(): number | null {
    return this.checkpointLoadedAt;
  }

  /** Called with the key's id each time a revocation (a revoke, a deletion) has been applied. */
  onRevocationApplied(listener: (keyId: string) => void): void {
    this.revocationListeners.push(listener);
  }

  /** Milliseconds between the newest applied event's occurrence and its arrival here. */
  get lagMs(): number | null {
    return this.lastEventAt;
  }

  ready(): Promise<void> {
    return this.readyPromise;
  }

  onApplicationBootstrap(): void {
    this.redis = createRedis(this.config.redisUrl, 'keygate-gateway-projection', {
      maxRetriesPerRequest: null,
    });
    this.running = true;
    this.reader = new CheckpointReader(this.redis, this.config.eventStream);
    this.readyPromise = this.loadCheckpoint();
    this.loop = this.readyPromise.then(() => this.follow());
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    const connected = this.redis?.status === 'ready';
    this.redis?.disconnect();
    // Connected, the blocked XREAD fails at once and the loop ends. Reconnecting, ioredis never
    // settles a command it queued (disconnect does not flush its offline queue): the loop stays
    // parked on it and can run nothing more, so it is not waited for.
    if (connected) await this.loop?.catch(() => undefined);
  }

  /**
   * Loads the checkpoint the key service keeps in Redis, in pages, into a projection built beside
   * the live one, then swaps it in. Waits while the checkpoint has not been built; needs Redis,
   * not the key service.
   */
  private async loadCheckpoint(): Promise<void> {
    for (let attempt = 1; this.running; attempt++) {
      try {
        const position = await this.reader.position();
        if (position === null) throw new Error('the key service has not built it yet');
        const started = Date.now();
        const next = new KeyProjection();
        await this.reader.eachAccountPage((accounts) =>
          accounts.forEach((a) => next.putAccount(a)),
        );
        await this.reader.eachKeyPage((keys) => keys.forEach((k) => next.putKey(k)));
        this.projection.adopt(next);
        this.position = position;
        this.loaded = true;
        this.checkpointLoadedAt = started;
        this.lastReadAt = Date.now();
        this.logger.log(
          `projection loaded: ${this.projection.keyCount} keys at ${position} in ${Date.now() - started} ms`,
        );
        return;
      } catch (error) {
        if (attempt === 1 || attempt % 10 === 0)
          this.logger.warn(`waiting for the projection checkpoint: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * attempt, 2000)));
      }
    }
  }

  private async follow(): Promise<void> {
    while (this.running) {
      try {
        this.readingSince = Date.now();
        const reply = (await this.redis
          .xread(
            'COUNT',
            BATCH,
            'BLOCK',
            this.blockMs,
            'STREAMS',
            this.config.eventStream,
            this.position,
          )
          .finally(() => (this.readingSince = null))) as Array<
          [string, Array<[string, string[]]>]
        > | null;
        if (!reply) {
          this.lastReadAt = Date.now();
          continue;
        }
        const first = reply[0][1][0][0];
        if (await this.missedEntries(first)) {
          await this.reload();
          // The checkpoint is written with the entries, so it normally covers this batch already.
          if (compareIds(this.position, first) >= 0) continue;
        }
        for (const [id, fields] of reply[0][1]) {
          const event = JSON.parse(fields[fields.indexOf(EVENT_STREAM_FIELD) + 1]) as EventEnvelope;
          await this.applyEntry(event);
          this.position = id;
          const revoked = revokedKeyOf(event);
          if (revoked) for (const listener of this.revocationListeners) listener(revoked);
        }
        this.lastReadAt = Date.now();
      } catch (error) {
        if (!this.running) return;
        this.logger.warn(
          `event stream read failed, resuming from ${this.position}: ${(error as Error).message}`,
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  private async applyEntry(event: EventEnvelope): Promise<void> {
    const outcome = this.projection.apply(event);
    this.lastEventAt = Date.now() - Date.parse(event.occurredAt);
    if (outcome !== 'gap') return;
    // The checkpoint holds every record at least as new as any stream entry (one Lua step writes both).
    if (event.streamId.startsWith(KEY_STREAM_PREFIX)) {
      const keyId = event.streamId.slice(KEY_STREAM_PREFIX.length);
      const entry = await this.reader.key(keyId);
      if (entry?.record) this.projection.putKey(entry.record);
      else this.projection.removeKey(keyId);
    } else if (event.streamId.startsWith(ACCOUNT_STREAM_PREFIX)) {
      const account = await this.reader.account(event.streamId.slice(ACCOUNT_STREAM_PREFIX.length));
      if (account) this.projection.putAccount(account);
    }
  }

  /**
   * Whether the stream dropped entries this gateway has not read (trimmed while it was away or
   * behind); XREAD itself skips them silently. Trimming takes the oldest entries first, so if any
   * entry between our position and the first one read was dropped, that first one is now the
   * oldest in the stream. (It also is when the stream was trimmed exactly to our position, or
   * started afresh: a reload then is merely unneeded.)
   */
  private async missedEntries(firstRead: string): Promise<boolean> {
    const [oldest] = (await this.redis.xrange(
      this.config.eventStream,
      '-',
      '+',
      'COUNT',
      1,
    )) as Array<[string, string[]]>;
    return oldest?.[0] === firstRead && compareIds(firstRead, this.position) > 0;
  }

  private async reload(): Promise<void> {
    this.logger.warn(
      `the event stream may have dropped entries after ${this.position} (trimmed, or started afresh): reloading the checkpoint`,
    );
    await this.loadCheckpoint();
  }
}

/** Orders Redis stream ids (`<ms>-<seq>`). */
export function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt);
  const [bm, bs] = b.split('-').map(BigInt);
  return am === bm ? Number(as - bs) : am < bm ? -1 : 1;
}
