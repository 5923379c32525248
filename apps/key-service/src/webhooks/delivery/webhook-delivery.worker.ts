import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { CLOCK, Clock, SYSTEM_ACTOR, WebhookAttemptView } from '@keygate/contracts';
import { KEYGATE_CONFIG, KeyServiceConfig } from '@keygate/config';
import { WebhookSender } from '@keygate/webhooks';
import { UserAudit } from '../../panel-users/user-audit';
import { WebhookEndpointsRepository, signingSecretsOf } from '../webhook-endpoints.repository';
import { verdictOf } from './delivery-verdict';
import { WebhookDeliveries } from './webhook-deliveries';
import { WebhookDelivery, messageIdOf } from './webhook-delivery';

/** Finished deliveries are kept this long (the deliveries list, replay), then pruned hourly. */
const KEEP_FINISHED_MS = 30 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

/**
 * Sends what the queue says is due: the first delivery of each due chain (DeliveryQueue leases
 * the chain, so a later delivery of one key waits for the earlier and two key services never
 * send one at once), many chains at once (WEBHOOK_CONCURRENCY attempts in flight, so a slow
 * endpoint holds only its own chains). After each attempt the verdict (deliveryVerdict):
 * delivered, retried per WEBHOOK_RETRY_SCHEDULE, or dead-lettered; an endpoint answering 410 is
 * disabled, audited as Keygate's doing. A lease outlives the attempt's timeout twice: a worker
 * that died lets the chain go then, and the next sends the delivery again, same `webhook-id`.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDeliveryWorker.name);
  private readonly inFlight = new Map<string, Promise<void>>();
  private timer?: NodeJS.Timeout;
  private pruneTimer?: NodeJS.Timeout;
  private passing: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(KEYGATE_CONFIG) private readonly config: KeyServiceConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly deliveries: WebhookDeliveries,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly sender: WebhookSender,
    private readonly audit: UserAudit,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.wake(), this.config.webhooks.pollMs);
    this.pruneTimer = setInterval(() => void this.prune(), PRUNE_EVERY_MS);
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearInterval(this.pruneTimer);
    await this.passing;
    // An attempt under way ends by its own timeout; one that cannot record its outcome (its
    // store gone) is let go after that: its lease lapses and another key service sends it again.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(this.inFlight.values()),
      new Promise(
        (resolve) => (timer = setTimeout(resolve, this.config.webhooks.timeoutMs + 1000)),
      ),
    ]);
    clearTimeout(timer);
  }

  /** Looks for due deliveries now (new ones were queued, an attempt ended, or it is time). */
  wake(): void {
    if (this.stopped) return;
    if (this.passing) {
      this.again = true;
      return;
    }
    this.passing = this.pass()
      .catch((error: Error) => this.logger.warn(`delivery pass failed: ${error.message}`))
      .finally(() => {
        this.passing = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /**
   * One attempt now at a delivery that is in no queue yet (a test event): recorded as finished,
   * or queued for its retries. Answers it as it stands after the attempt.
   */
  async attemptFirst(delivery: WebhookDelivery): Promise<WebhookDelivery> {
    return this.attempt(delivery, { queued: false, evenIfDisabled: true });
  }

  async prune(): Promise<number> {
    return this.deliveries
      .prune(new Date(this.clock.now().getTime() - KEEP_FINISHED_MS))
      .catch((error: Error) => {
        this.logger.warn(`pruning deliveries failed: ${error.message}`);
        return 0;
      });
  }

  private async pass(): Promise<void> {
    const room = this.config.webhooks.concurrency - this.inFlight.size;
    if (room <= 0) return;
    const now = this.clock.now().getTime();
    const taken = await this.deliveries.queue.take(
      now,
      now + 2 * this.config.webhooks.timeoutMs,
      room,
    );
    for (const delivery of taken) {
      // Its lease lapsed while this worker still tries it (a slow store, a clock set forward):
      // that attempt ends it; a second would send it twice.
      if (this.inFlight.has(delivery.id)) continue;
      const attempt = this.attempt(delivery, { queued: true, evenIfDisabled: false })
        .catch((error: Error) =>
          this.logger.warn(`delivery ${delivery.id} not recorded: ${error.message}`),
        )
        .finally(() => {
          this.inFlight.delete(delivery.id);
          this.wake();
        });
      this.inFlight.set(
        delivery.id,
        attempt.then(() => undefined),
      );
    }
    // A full batch: more may be due.
    if (taken.length === room) this.again = true;
  }

  private async attempt(
    delivery: WebhookDelivery,
    how: { queued: boolean; evenIfDisabled: boolean },
  ): Promise<WebhookDelivery> {
    const endpoint = await this.endpoints.forAttempt(delivery.accountId, delivery.endpointId);
    if (!endpoint || (!endpoint.enabled && !how.evenIfDisabled)) {
      const failed: WebhookDelivery = {
        ...delivery,
        status: 'failed',
        failure: endpoint ? 'the endpoint is disabled' : 'the endpoint was removed',
        nextAttemptAt: null,
      };
      await this.deliveries.finish(failed, this.clock.now());
      return failed;
    }
    const at = this.clock.now();
    const outcome = await this.sender.send(
      { url: endpoint.url, secrets: signingSecretsOf(endpoint, at) },
      {
        id: messageIdOf(delivery.eventId),
        type: delivery.type,
        timestamp: delivery.occurredAt,
        data: delivery.data,
      },
    );
    const now = this.clock.now();
    const verdict = verdictOf(
      outcome.status,
      delivery.round + 1,
      this.config.webhooks.retryScheduleMs,
      now,
    );
    const attempt: WebhookAttemptView = { at: at.toISOString(), ...outcome };
    const after: WebhookDelivery = {
      ...delivery,
      attempts: [...delivery.attempts, attempt],
      round: delivery.round + 1,
      status: verdict.status,
      failure: verdict.status === 'failed' ? verdict.reason : null,
      nextAttemptAt: verdict.status === 'pending' ? verdict.nextAttemptAt.toISOString() : null,
    };
    if (verdict.status !== 'pending') await this.deliveries.finish(after, now);
    else if (how.queued)
      await this.deliveries.queue.retryAt(after, verdict.nextAttemptAt.getTime());
    else await this.deliveries.queue.add(after, verdict.nextAttemptAt.getTime());
    if (verdict.status === 'failed' && verdict.disableEndpoint) {
      await this.audit.record(delivery.accountId, SYSTEM_ACTOR, (account) =>
        account.recordWebhookChanged(
          { endpointId: endpoint._id, enabled: false, disabledBecause: verdict.reason },
          this.clock.now(),
        ),
      );
      await this.endpoints.update(delivery.accountId, endpoint._id, { enabled: false });
      this.logger.log(`endpoint ${endpoint._id} disabled: ${verdict.reason}`);
    }
    return after;
  }
}
