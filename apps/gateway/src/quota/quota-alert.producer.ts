import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { KEYGATE_CONFIG, GatewayConfig } from '@keygate/config';
import { BullConnections } from '@keygate/connections';
import {
  QUOTA_ALERT_QUEUE,
  QuotaAlertJob,
  dayIndexOf,
  quotaAlertId,
  thresholdsCrossed,
} from '@keygate/usage';

/**
 * Hands the usage service a job when an admitted call takes its account to 80 % or 100 % of the
 * plan's limit. Off the hot path: only the one call that crosses a threshold adds a job, and a
 * failure to add it never fails the call.
 */
@Injectable()
export class QuotaAlertProducer implements OnApplicationShutdown {
  private readonly logger = new Logger(QuotaAlertProducer.name);
  private connections?: BullConnections;
  private queue?: Queue<QuotaAlertJob>;

  constructor(@Inject(KEYGATE_CONFIG) private readonly config: GatewayConfig) {}

  afterAdmission(accountId: string, usedAfter: number, limit: number, nowMs: number) {
    for (const threshold of thresholdsCrossed(usedAfter - 1, usedAfter, limit)) {
      const job: QuotaAlertJob = {
        accountId,
        threshold,
        used: usedAfter,
        limit,
        day: dayIndexOf(nowMs),
        raisedAt: new Date(nowMs).toISOString(),
      };
      this.alerts()
        .add('quota-alert', job, {
          jobId: quotaAlertId(job),
          attempts: 10,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: 1000,
          removeOnFail: 1000,
        })
        .catch((error: Error) =>
          this.logger.warn(`quota alert for ${accountId} not queued: ${error.message}`),
        );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connections?.closeAfter(async () => this.queue?.close());
  }

  private alerts(): Queue<QuotaAlertJob> {
    if (!this.queue) {
      this.connections = new BullConnections(this.config.redisUrl, 'keygate-gateway-alerts');
      this.queue = new Queue(QUOTA_ALERT_QUEUE, {
        connection: this.connections.open(),
        prefix: this.config.queuePrefix,
      });
    }
    return this.queue;
  }
}
