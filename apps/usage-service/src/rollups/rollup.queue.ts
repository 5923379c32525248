import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { KEYGATE_CONFIG, KeygateConfig } from '@keygate/config';
import { CLOCK, Clock } from '@keygate/contracts';
import { BullConnections } from '@keygate/connections';
import { dayIndexOf } from '@keygate/usage';
import { DailyRollup } from './daily-rollup';

export const ROLLUP_QUEUE = 'usage-rollups';

/**
 * Daily at 00:05 UTC, rolls up the day before (and the current day, so dashboards beyond the
 * window stay fresh). One job id per day, so the same day is never queued twice; a worker that
 * dies mid-job leaves it stalled, and BullMQ hands it to another worker, which sets the same counts.
 */
@Injectable()
export class RollupQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RollupQueue.name);
  private connections?: BullConnections;
  queue!: Queue<{ day: number }>;
  worker!: Worker<{ day: number }>;

  constructor(
    @Inject(KEYGATE_CONFIG) private readonly config: KeygateConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly rollup: DailyRollup,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connections = new BullConnections(this.config.redisUrl, 'keygate-usage-rollups');
    this.queue = new Queue(ROLLUP_QUEUE, {
      connection: this.connections.open(),
      prefix: this.config.queuePrefix,
    });
    this.worker = new Worker(ROLLUP_QUEUE, (job) => this.process(job), {
      connection: this.connections.open(),
      prefix: this.config.queuePrefix,
      lockDuration: this.config.usageJobLockMs,
      stalledInterval: this.config.usageJobLockMs,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.warn(`rollup ${job?.id} failed: ${error.message}`),
    );
    await this.queue.upsertJobScheduler(
      'daily-rollup',
      { pattern: '5 0 * * *', tz: 'UTC' },
      { name: 'rollup', data: { day: -1 } },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    await this.connections?.closeAll();
  }

  /** Queues the rollup of one day (idempotent per day). */
  async enqueue(day: number): Promise<void> {
    await this.queue.add(
      'rollup',
      { day },
      {
        jobId: `rollup-${day}`,
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: true,
        removeOnFail: 100,
      },
    );
  }

  private async process(job: Job<{ day: number }>): Promise<number> {
    // The scheduler's jobs carry day -1: roll up yesterday and today as of now.
    const today = dayIndexOf(this.clock.now().getTime());
    const days = job.data.day === -1 ? [today - 1, today] : [job.data.day];
    let written = 0;
    for (const day of days) written += await this.rollup.run(day, (n) => job.updateProgress(n));
    return written;
  }
}
