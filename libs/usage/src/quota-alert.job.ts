import { QuotaThreshold } from './quota-thresholds';

/** BullMQ queue the gateways add to and the usage service works. */
export const QUOTA_ALERT_QUEUE = 'usage-quota-alerts';

export interface QuotaAlertJob {
  accountId: string;
  threshold: QuotaThreshold;
  used: number;
  limit: number;
  /** UTC day index of the call that reached the threshold. */
  day: number;
  raisedAt: string;
}

/** One alert per account, threshold and day: a job added twice is kept once by BullMQ. */
export const quotaAlertId = (job: Pick<QuotaAlertJob, 'accountId' | 'threshold' | 'day'>): string =>
  `quota-alert-${job.accountId}-${job.threshold}-${job.day}`;
