import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import {
  CLOCK,
  Clock,
  EVENT_STREAM_FIELD,
  KeyExpiring,
  NoticeEventType,
  SYSTEM_ACTOR,
  noticeStreamId,
} from '@keygate/contracts';
import { KEYGATE_CONFIG, KeyServiceConfig } from '@keygate/config';
import { REDIS, RedisClient } from '@keygate/connections';
import { ReadModels } from '../../read-models/read-models.repository';
import { dueReminder, reminderHorizonMs } from './expiry-reminder';

/**
 * Every KEY_EXPIRY_REMINDER_SCAN_MS, finds live keys near their expiry and publishes a
 * KeyExpiring notice on the event stream for each reminder that has come (KEY_EXPIRY_REMINDER_DAYS,
 * 30, 7 and 1 days ahead by default); the webhooks send it as `key.expiring`. Each reminder is
 * published once per key and expiry: a Redis mark says it was; a crash between publishing and
 * marking publishes it again under the same event id, which queues no second delivery.
 */
@Injectable()
export class ExpiryReminders implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ExpiryReminders.name);
  private timer?: NodeJS.Timeout;
  private scanning: Promise<number> | null = null;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(KEYGATE_CONFIG) private readonly config: KeyServiceConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModels: ReadModels,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.scanOnce(), this.config.webhooks.reminderScanMs);
  }

  onApplicationShutdown(): void {
    // A scan under way is left to end or not: what it did not publish, the next one does.
    clearInterval(this.timer);
  }

  /** One scan now (a scan under way is joined): how many reminders it published. */
  scanOnce(): Promise<number> {
    this.scanning ??= this.scan()
      .catch((error: Error) => {
        this.logger.warn(`expiry reminders: ${error.message}`);
        return 0;
      })
      .finally(() => (this.scanning = null));
    return this.scanning;
  }

  private async scan(): Promise<number> {
    const now = this.clock.now();
    const days = this.config.webhooks.expiryReminderDays;
    const until = new Date(now.getTime() + reminderHorizonMs(days)).toISOString();
    let published = 0;
    for (const key of await this.readModels.activeKeysExpiringBy(until)) {
      const expiresAt = new Date(key.expiresAt);
      const due = dueReminder(expiresAt, now, days);
      if (!due) continue;
      const mark = `${this.config.redisNamespace}:webhooks:reminded:${key.id}:${expiresAt.getTime()}:${due.reminderDays}`;
      if (await this.redis.exists(mark)) continue;
      const event: KeyExpiring = {
        eventId: `expiring-${key.id}-${expiresAt.getTime()}-${due.reminderDays}`,
        streamId: noticeStreamId(key.id),
        version: due.reminderDays,
        type: NoticeEventType.KeyExpiring,
        schemaVersion: 1,
        occurredAt: now.toISOString(),
        actor: SYSTEM_ACTOR,
        data: {
          keyId: key.id,
          accountId: key.accountId,
          name: key.name,
          hint: key.hint,
          expiresAt: key.expiresAt,
          reminderDays: due.reminderDays,
          daysLeft: due.daysLeft,
        },
      };
      await this.redis.xadd(
        this.config.eventStream,
        '*',
        EVENT_STREAM_FIELD,
        JSON.stringify(event),
      );
      // Kept a day past the expiry: a later expiry date makes new reminders (a new mark).
      await this.redis.set(mark, '1', 'PX', expiresAt.getTime() - now.getTime() + 86_400_000);
      published += 1;
    }
    return published;
  }
}
