import { Module } from '@nestjs/common';
import { QuotaAlertWorker } from './quota-alert.worker';
import { QuotaAlerts } from './quota-alerts';

@Module({
  providers: [QuotaAlerts, QuotaAlertWorker],
  exports: [QuotaAlerts],
})
export class AlertsModule {}
