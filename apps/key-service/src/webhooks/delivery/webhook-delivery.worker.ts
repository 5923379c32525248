import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { CLOCK, Clock, SYSTEM_ACTOR } from '@keygate/contracts';
import { KEYGATE_CONFIG, KeyServiceConfig } from '@keygate/config';
import { WebhookSender } from '@keygate/webhooks';
import { UserAudit } from '../../panel-users/user-audit';
import { WebhookEndpointsRepository, signingSecretsOf } from '../webhook-endpoints.repository';
import { dueHeads } from './delivery-order';
import { verdictOf } from './delivery-verdict';
import {
  WebhookDeliveriesRepository,
  WebhookDeliveryDocument,
  messageIdOf,
} from './webhook-deliveries.repository';

/** Due deliveries looked at per pass, oldest first. */
const PASS_SIZE = 500;
/** Finished deliveries are kept this long (the deliveries list, replay), then pruned hourly. */
const KEEP_FINISHED_MS = 30 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

/**
 * Sends queued deliveries: each chain's first due delivery (deliveryOrder), many endpoints at
 * once (WEBHOOK_CONCURRENCY attempts in flight, so one slow endpoint holds only its own
 * chains), each attempt claimed in MongoDB first so that two key services never send the same
 * one at once, and a claim whose worker died lapses after the timeout. After each attempt the
 * verdict (deliveryVerdict): delivered, retried per WEBHOOK_RETRY_SCHEDULE, or dead-lettered;
 * an endpoint answering 410 is disabled, audited as Keygate's doing.
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
    private readonly deliveries: WebhookDeliveriesRepository,
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
    // store gone) is let go after that: its claim lapses and another key service sends it again.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(this.inFlight.values()),
      new Promise(
        (resolve) => (timer = setTimeout(resolve, this.config.webhooks.timeoutMs + 1000)),
      ),
    ]);
    clearTimeout(timer);
  }

  /** Looks for due deliveries now (new ones were queued, or it is time). */
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

  /** One attempt at a delivery now, whatever its chain (a test event): answers how it went. */
  async attemptNow(
    deliveryId: string,
    options: { evenIfDisabled?: boolean } = {},
  ): Promise<WebhookDeliveryDocument | null> {
    const now = this.clock.now();
    if (!(await this.deliveries.claim(deliveryId, now, this.claimUntil(now))))
      return this.deliveries.one(deliveryId);
    const delivery = await this.deliveries.one(deliveryId);
    if (delivery) await this.tracked(delivery, options.evenIfDisabled ?? false);
    return this.deliveries.one(deliveryId);
  }

  async prune(): Promise<number> {
    return this.deliveries
      .pruneFinished(new Date(this.clock.now().getTime() - KEEP_FINISHED_MS))
      .catch((error: Error) => {
        this.logger.warn(`pruning deliveries failed: ${error.message}`);
        return 0;
      });
  }

  private async pass(): Promise<void> {
    const now = this.clock.now();
    const pending = await this.deliveries.pendingOfDueChains(now, PASS_SIZE);
    const queued = pending.map((delivery) => ({
      ...delivery,
      nextAttemptAt: delivery.nextAttemptAt ?? now,
    }));
    for (const delivery of dueHeads(queued, now)) {
      if (this.stopped || this.inFlight.size >= this.config.webhooks.concurrency) return;
      if (this.inFlight.has(delivery._id) || delivery.lockedUntil.getTime() > now.getTime())
        continue;
      if (!(await this.deliveries.claim(delivery._id, now, this.claimUntil(now)))) continue;
      void this.tracked(delivery);
    }
  }

  private tracked(delivery: WebhookDeliveryDocument, evenIfDisabled = false): Promise<void> {
    const attempt = this.attempt(delivery, evenIfDisabled)
      .catch((error: Error) =>
        this.logger.warn(`delivery ${delivery._id} not recorded: ${error.message}`),
      )
      .finally(() => {
        this.inFlight.delete(delivery._id);
        // Its chain's next delivery may be due now.
        this.wake();
      });
    this.inFlight.set(delivery._id, attempt);
    return attempt;
  }

  private async attempt(delivery: WebhookDeliveryDocument, evenIfDisabled: boolean): Promise<void> {
    const endpoint = await this.endpoints.one(delivery.accountId, delivery.endpointId);
    if (!endpoint) return this.deliveries.fail(delivery._id, 'the endpoint was removed');
    if (!endpoint.enabled && !evenIfDisabled)
      return this.deliveries.fail(delivery._id, 'the endpoint is disabled');
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
    const verdict = verdictOf(
      outcome.status,
      delivery.round + 1,
      this.config.webhooks.retryScheduleMs,
      this.clock.now(),
    );
    await this.deliveries.recordAttempt(delivery._id, at, outcome, {
      status: verdict.status,
      nextAttemptAt: verdict.status === 'pending' ? verdict.nextAttemptAt : null,
      failure: verdict.status === 'failed' ? verdict.reason : null,
    });
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
  }

  private claimUntil(now: Date): Date {
    // Twice the attempt's timeout: time to record it, and then a worker that died lets it go.
    return new Date(now.getTime() + 2 * this.config.webhooks.timeoutMs);
  }
}
