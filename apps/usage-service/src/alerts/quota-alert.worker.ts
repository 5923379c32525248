import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Worker } from 'bullmq';
import { KEYGATE_CONFIG, KeygateConfig } from '@keygate/config';
import { BullConnections } from '@keygate/connections';
import { QUOTA_ALERT_QUEUE, QuotaAlertJob } from '@keygate/usage';
import { QuotaAlerts } from './quota-alerts';

/** Works the alert jobs the gateways add when a call takes an account to 80 % or 100 %. */
@Injectable()
export class QuotaAlertWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QuotaAlertWorker.name);
  private connections?: BullConnections;
  private worker?: Worker<QuotaAlertJob>;

  constructor(
    @Inject(KEYGATE_CONFIG) private readonly config: KeygateConfig,
    private readonly alerts: QuotaAlerts,
  ) {}

  onApplicationBootstrap(): void {
    this.connections = new BullConnections(this.config.redisUrl, 'keygate-usage-alerts');
    this.worker = new Worker<QuotaAlertJob>(
      QUOTA_ALERT_QUEUE,
      (job) => this.alerts.raise(job.data),
      {
        connection: this.connections.open(),
        prefix: this.config.queuePrefix,
        lockDuration: this.config.usageJobLockMs,
        stalledInterval: this.config.usageJobLockMs,
      },
    );
    this.worker.on('failed', (job, error) =>
      this.logger.warn(`quota alert ${job?.id} failed: ${error.message}`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.connections?.closeAll();
  }
}
