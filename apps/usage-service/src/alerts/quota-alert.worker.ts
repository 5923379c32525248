import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { KEYGATE_CONFIG, UsageServiceConfig } from '@keygate/config';
import { QUOTA_ALERT_QUEUE, QuotaAlertJob } from '@keygate/usage';
import { UsageJobQueue } from '../jobs/usage-job-queue';
import { QuotaAlerts } from './quota-alerts';

/** Works the alert jobs the gateways add when a call takes an account to 80 % or 100 %. */
@Injectable()
export class QuotaAlertWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private jobs?: UsageJobQueue<QuotaAlertJob>;

  constructor(
    @Inject(KEYGATE_CONFIG) private readonly config: UsageServiceConfig,
    private readonly alerts: QuotaAlerts,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs = new UsageJobQueue(this.config, QUOTA_ALERT_QUEUE, (job) =>
      this.alerts.raise(job.data),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.jobs?.close();
  }
}
