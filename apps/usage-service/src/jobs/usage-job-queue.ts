import { Logger } from '@nestjs/common';
import { Job, JobsOptions, Queue, Worker } from 'bullmq';
import { UsageServiceConfig } from '@keygate/config';
import { BullConnections } from '@keygate/connections';

/**
 * A BullMQ queue and its worker in the usage service, optionally with a cron schedule. A worker
 * that dies mid-job stops renewing its lock; after USAGE_JOB_LOCK_MS another worker takes the job
 * over, so every job here must give the same result when run again.
 */
export class UsageJobQueue<T> {
  private readonly logger: Logger;
  private readonly connections: BullConnections;
  readonly queue: Queue;
  readonly worker: Worker<T>;

  constructor(
    config: UsageServiceConfig,
    readonly name: string,
    process: (job: Job<T>) => Promise<unknown>,
  ) {
    this.logger = new Logger(`queue ${name}`);
    this.connections = new BullConnections(config.redisUrl, `keygate-${name}`);
    const options = { connection: this.connections.open(), prefix: config.queuePrefix };
    this.queue = new Queue(name, options);
    this.worker = new Worker<T>(name, process, {
      connection: this.connections.open(),
      prefix: config.queuePrefix,
      lockDuration: config.usageJobLockMs,
      stalledInterval: config.usageJobLockMs,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.warn(`job ${job?.id} failed: ${error.message}`),
    );
    // Redis away or failing over: the worker polls again by itself.
    this.worker.on('error', (error) => this.logger.warn(`waiting for jobs: ${error.message}`));
  }

  /** Adds (or moves) the repeating job `id` on a UTC cron pattern. */
  async schedule(id: string, pattern: string, data: T): Promise<void> {
    await this.queue.upsertJobScheduler(id, { pattern, tz: 'UTC' }, { name: id, data });
  }

  /** Adds one job; a job id already queued or running is kept once. */
  async add(jobId: string, data: T, options: JobsOptions = {}): Promise<void> {
    await this.queue.add(this.name, data, {
      jobId,
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: true,
      removeOnFail: 100,
      ...options,
    });
  }

  async close(): Promise<void> {
    await this.connections.closeAfter(async () => {
      await this.worker.close();
      await this.queue.close();
    });
  }
}
