import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { KEYGATE_CONFIG, GatewayConfig } from '@keygate/config';
import { Clock, CLOCK, QuotaExceededError, ServiceUnavailableError } from '@keygate/contracts';
import { rateLimitHeaders } from '@keygate/http';
import { QuotaLedger, STEP_MARKER_SECONDS, dayIndexOf } from '@keygate/usage';
import { Principal } from '../auth/key-verifier';
import { GatewayMetrics } from '../metrics/gateway.metrics';
import { AdmissionBatcher, AdmissionStepError } from './admission-batcher';
import { CountBuffer } from './count-buffer';
import { QuotaAlertProducer } from './quota-alert.producer';
import { QuotaStore } from './quota-store';

const REPLAY_INTERVAL_MS = 500;

/**
 * Admits each call against the account's rolling 30-day quota in one Lua step. If Redis cannot
 * be reached, or its reply is lost, fail-open (the default) admits the call and buffers its count
 * for an exactly-once replay (a step that ran is not replayed); fail-closed answers 503.
 */
@Injectable()
export class QuotaAdmission implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QuotaAdmission.name);
  private readonly ledger: QuotaLedger;
  private readonly batcher: AdmissionBatcher;
  private readonly buffer: CountBuffer;
  private timer: NodeJS.Timeout | null = null;
  private replaying = false;
  /** Usage reads on their way, by account: calls that arrive meanwhile share them. */
  private readonly usageReads = new Map<string, Promise<number>>();

  constructor(
    @Inject(KEYGATE_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: GatewayMetrics,
    private readonly alerts: QuotaAlertProducer,
    private readonly store: QuotaStore,
  ) {
    this.ledger = store.ledger;
    this.batcher = new AdmissionBatcher(this.ledger, (calls) =>
      metrics.admissionBatchSize.observe(calls),
    );
    this.buffer = new CountBuffer(config.quotaBufferLimit);
    metrics.trackBuffer(
      () => this.buffer.size,
      () => this.buffer.dropped,
    );
  }

  /** Steps admitted without Redis's answer, waiting for their replay. */
  get bufferedSteps(): number {
    return this.buffer.size;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.replay(), REPLAY_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.replay();
    this.store.close();
  }

  /** Returns the RateLimit headers for the answer, or throws QUOTA_EXCEEDED / SERVICE_UNAVAILABLE. */
  async admit(principal: Principal): Promise<Record<string, string>> {
    if (!this.config.quotaEnabled) return {};
    const limit = this.config.plans[principal.account.plan]?.callLimit ?? 0;
    const now = this.clock.now().getTime();
    let admission;
    try {
      admission = await this.batcher.admit(principal.account.id, principal.key.id, limit, now);
    } catch (error) {
      this.metrics.quotaStoreErrors.inc();
      if (this.config.quotaFailMode === 'closed')
        throw new ServiceUnavailableError('The quota store is unavailable; retry shortly');
      const stepId = error instanceof AdmissionStepError && error.mayHaveRun ? error.stepId : null;
      this.buffer.add(stepId, principal.account.id, principal.key.id, dayIndexOf(now), now);
      return { 'ratelimit-limit': String(limit) };
    }
    if (!admission.admitted)
      throw new QuotaExceededError(admission, admission.retryAfterSeconds, principal.account.plan);
    this.alerts.afterAdmission(principal.account.id, admission.used, limit, now);
    return rateLimitHeaders(admission);
  }

  /**
   * Used, limit and remaining for an account, without counting a call. Calls for one account
   * that arrive while its read is on its way share that read (one Redis round trip for a burst
   * of auth-context calls instead of one each).
   */
  async usage(principal: Principal): Promise<{ used: number; limit: number; remaining: number }> {
    const limit = this.config.plans[principal.account.plan]?.callLimit ?? 0;
    const accountId = principal.account.id;
    let read = this.usageReads.get(accountId);
    if (!read) {
      read = this.ledger
        .windowTotal(accountId, dayIndexOf(this.clock.now().getTime()))
        .finally(() => this.usageReads.delete(accountId));
      this.usageReads.set(accountId, read);
    }
    const used = await read;
    return { used, limit, remaining: Math.max(0, limit - used) };
  }

  private async replay(): Promise<void> {
    if (this.replaying || this.buffer.size === 0) return;
    this.replaying = true;
    try {
      const now = this.clock.now().getTime();
      // A minute's margin: a step's marker bucket expires STEP_MARKER_SECONDS after its last write.
      const lost = this.buffer.dropOlderThan((STEP_MARKER_SECONDS - 60) * 1000, now);
      if (lost > 0)
        this.logger.warn(
          `${lost} calls admitted while Redis was unreachable are older than its step markers and were not counted`,
        );
      for (const step of this.buffer.take(now)) {
        await this.ledger.replayStep(step);
        this.buffer.replayed(step.stepId);
      }
      this.logger.log('replayed the calls counted while Redis was unreachable');
    } catch {
      // Redis still away; the same batches are retried on the next tick.
    } finally {
      this.replaying = false;
    }
  }
}
