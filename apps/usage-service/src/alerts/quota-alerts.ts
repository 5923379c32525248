import { Inject, Injectable, Logger } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { KEYGATE_CONFIG, UsageServiceConfig } from '@keygate/config';
import {
  EVENT_STREAM_FIELD,
  QuotaThresholdReached,
  SYSTEM_ACTOR,
  UsageEventType,
  usageStreamId,
} from '@keygate/contracts';
import { MONGO, REDIS, RedisClient } from '@keygate/connections';
import {
  QUOTA_ALERT_THRESHOLDS,
  QuotaAlertJob,
  isoDate,
  quotaAlertId,
  thresholdCalls,
} from '@keygate/usage';
import { QUOTA_ALERT_COLLECTION, QuotaAlertDocument, quotaAlertSchema } from './quota-alert.schema';

/**
 * Records a quota alert in MongoDB, then publishes it as a QuotaThresholdReached event on the
 * event stream. A job retried after a crash finds the record and publishes it if it had not been:
 * the event id is the alert id, so a consumer can drop the rare second copy. An account's alerts
 * of one day reach the stream in threshold order, even when two gateways queued the 100 % job
 * before the 80 % one: reaching 100 % raises 80 % first (the call that crossed 80 % had exactly
 * its threshold's count), and the 80 % job, when it comes, finds it done.
 */
@Injectable()
export class QuotaAlerts {
  private readonly logger = new Logger(QuotaAlerts.name);
  private readonly alerts: Model<QuotaAlertDocument>;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(MONGO) connection: Connection,
    @Inject(KEYGATE_CONFIG) private readonly config: UsageServiceConfig,
  ) {
    this.alerts = connection.model<QuotaAlertDocument>(QUOTA_ALERT_COLLECTION, quotaAlertSchema);
  }

  async raise(job: QuotaAlertJob): Promise<void> {
    for (const lower of QUOTA_ALERT_THRESHOLDS.filter((t) => t < job.threshold))
      await this.record({ ...job, threshold: lower, used: thresholdCalls(lower, job.limit) });
    await this.record(job);
  }

  private async record(job: QuotaAlertJob): Promise<void> {
    const id = quotaAlertId(job);
    await this.alerts.updateOne(
      { _id: id },
      {
        $setOnInsert: {
          accountId: job.accountId,
          threshold: job.threshold,
          used: job.used,
          limit: job.limit,
          date: isoDate(job.day),
          raisedAt: new Date(job.raisedAt),
          published: false,
        },
      },
      { upsert: true },
    );
    const alert = await this.alerts.findById(id).lean<QuotaAlertDocument>();
    if (!alert || alert.published) return;
    await this.redis.xadd(
      this.config.eventStream,
      '*',
      EVENT_STREAM_FIELD,
      JSON.stringify(this.toEvent(alert, job.day)),
    );
    await this.alerts.updateOne({ _id: id }, { $set: { published: true } });
    this.logger.log(`account ${alert.accountId} reached ${alert.threshold} % of its quota`);
  }

  async alertsOf(accountId: string): Promise<QuotaAlertDocument[]> {
    return this.alerts
      .find({ accountId })
      .sort({ raisedAt: 1, threshold: 1 })
      .lean<QuotaAlertDocument[]>();
  }

  private toEvent(alert: QuotaAlertDocument, day: number): QuotaThresholdReached {
    return {
      eventId: alert._id,
      streamId: usageStreamId(alert.accountId),
      // Orders one account's alerts: by day, then 80 before 100.
      version: day * 1000 + alert.threshold,
      type: UsageEventType.QuotaThresholdReached,
      schemaVersion: 1,
      occurredAt: alert.raisedAt.toISOString(),
      actor: SYSTEM_ACTOR,
      data: {
        accountId: alert.accountId,
        threshold: alert.threshold,
        used: alert.used,
        limit: alert.limit,
        windowDays: 30,
        date: alert.date,
      },
    };
  }
}
