import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job } from 'bullmq';
import { KEYGATE_CONFIG, UsageServiceConfig } from '@keygate/config';
import { CLOCK, Clock } from '@keygate/contracts';
import { dayIndexOf } from '@keygate/usage';
import { UsageJobQueue } from '../jobs/usage-job-queue';
import { DailyRollup } from './daily-rollup';

export const ROLLUP_QUEUE = 'usage-rollups';

/**
 * Daily at 00:05 UTC, rolls up the day before (and the current day, so dashboards beyond the
 * window stay fresh). One job id per day, so the same day is never queued twice; a worker that
 * dies mid-job leaves it stalled, and BullMQ hands it to another worker, which sets the same counts.
 */
@Injectable()
export class RollupQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  jobs!: UsageJobQueue<{ day: number }>;

  constructor(
    @Inject(KEYGATE_CONFIG) private readonly config: UsageServiceConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly rollup: DailyRollup,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.jobs = new UsageJobQueue(this.config, ROLLUP_QUEUE, (job) => this.process(job));
    await this.jobs.schedule('daily-rollup', '5 0 * * *', { day: -1 });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.jobs?.close();
  }

  /** Queues the rollup of one day (idempotent per day). */
  async enqueue(day: number): Promise<void> {
    await this.jobs.add(`rollup-${day}`, { day });
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
