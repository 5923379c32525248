import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import Redis from 'ioredis';
import { KEYGATE_CONFIG, KeygateConfig } from '@keygate/config';
import {
  ErrorCode,
  EVENT_STREAM_FIELD,
  EventEnvelope,
  KEY_STREAM_PREFIX,
  NotFoundError,
} from '@keygate/contracts';
import { createRedis } from '@keygate/connections';
import { KeyServiceClient } from '../rpc/key-service.client';
import { KeyProjection } from './key-projection';

const BLOCK_MS = 5000;
const BATCH = 1000;

/**
 * Keeps the in-memory KeyProjection current: a snapshot over RPC, then every stream entry after
 * the snapshot's position, read with XREAD BLOCK on a connection of its own so a revoke reaches
 * this gateway as soon as it is XADDed. A lost connection resumes from the last position read;
 * a position the stream has trimmed away, or a gap in a key's versions, is repaired over RPC.
 */
@Injectable()
export class ProjectionService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly projection = new KeyProjection();
  private readonly logger = new Logger(ProjectionService.name);
  private redis!: Redis;
  private running = false;
  private position = '0-0';
  private loaded = false;
  private lastEventAt: number | null = null;
  private readyPromise!: Promise<void>;
  private loop: Promise<void> | null = null;

  constructor(
    @Inject(KEYGATE_CONFIG) private readonly config: KeygateConfig,
    private readonly keyService: KeyServiceClient,
  ) {}

  get isReady(): boolean {
    return this.loaded;
  }

  get streamPosition(): string {
    return this.position;
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
    this.readyPromise = this.loadSnapshot();
    this.loop = this.readyPromise.then(() => this.follow());
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.redis?.disconnect();
    await this.loop?.catch(() => undefined);
  }

  private async loadSnapshot(): Promise<void> {
    for (let attempt = 1; this.running; attempt++) {
      try {
        const snapshot = await this.keyService.snapshot(Math.min(2000 * attempt, 60_000));
        this.projection.load(snapshot);
        this.position = snapshot.position;
        this.loaded = true;
        this.logger.log(`projection loaded: ${snapshot.keys.length} keys at ${snapshot.position}`);
        return;
      } catch (error) {
        if (attempt === 1 || attempt % 10 === 0)
          this.logger.warn(`waiting for the key service snapshot: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * attempt, 2000)));
      }
    }
  }

  private async follow(): Promise<void> {
    while (this.running) {
      try {
        const reply = (await this.redis.xread(
          'COUNT',
          BATCH,
          'BLOCK',
          BLOCK_MS,
          'STREAMS',
          this.config.eventStream,
          this.position,
        )) as Array<[string, Array<[string, string[]]>]> | null;
        if (!reply) continue;
        for (const [id, fields] of reply[0][1]) {
          await this.applyEntry(
            JSON.parse(fields[fields.indexOf(EVENT_STREAM_FIELD) + 1]) as EventEnvelope,
          );
          this.position = id;
        }
      } catch (error) {
        if (!this.running) return;
        this.logger.warn(
          `event stream read failed, resuming from ${this.position}: ${(error as Error).message}`,
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
        await this.resnapshotIfTrimmed();
      }
    }
  }

  private async applyEntry(event: EventEnvelope): Promise<void> {
    const outcome = this.projection.apply(event);
    this.lastEventAt = Date.now() - Date.parse(event.occurredAt);
    if (outcome !== 'gap') return;
    if (!event.streamId.startsWith(KEY_STREAM_PREFIX)) {
      this.logger.warn(`gap in ${event.streamId}; reloading the snapshot`);
      await this.reload();
      return;
    }
    const keyId = event.streamId.slice(KEY_STREAM_PREFIX.length);
    try {
      this.projection.putKey(await this.keyService.keyRecord(keyId));
    } catch (error) {
      if ((error as NotFoundError).code === ErrorCode.NOT_FOUND)
        this.projection.apply({ ...event, type: 'KeyDeleted' });
      else throw error;
    }
  }

  private async resnapshotIfTrimmed(): Promise<void> {
    try {
      const [first] = (await this.redis.xrange(
        this.config.eventStream,
        '-',
        '+',
        'COUNT',
        1,
      )) as Array<[string, string[]]>;
      if (first && compareIds(first[0], this.position) > 0 && this.position !== '0-0')
        await this.reload();
    } catch {
      // Redis still away: the read loop retries.
    }
  }

  private async reload(): Promise<void> {
    const snapshot = await this.keyService.snapshot();
    this.projection.load(snapshot);
    this.position = snapshot.position;
  }
}

/** Orders Redis stream ids (`<ms>-<seq>`). */
export function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt);
  const [bm, bs] = b.split('-').map(BigInt);
  return am === bm ? Number(as - bs) : am < bm ? -1 : 1;
}
