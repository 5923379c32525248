import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { KEYGATE_CONFIG, GatewayConfig, callLimitOf } from '@keygate/config';
import {
  Clock,
  CLOCK,
  CreditsExhaustedError,
  DomainError,
  KeyEnvironment,
  QUOTA_WINDOW_SECONDS,
  QuotaExceededError,
  RateLimit,
  RateLimitedError,
  ServiceUnavailableError,
} from '@keygate/contracts';
import { rateLimitHeaders } from '@keygate/http';
import {
  AccountLimits,
  Admission,
  QuotaLedger,
  STEP_MARKER_SECONDS,
  dayIndexOf,
} from '@keygate/usage';
import { Principal } from '../auth/key-verifier';
import { GatewayMetrics } from '../metrics/gateway.metrics';
import { AdmissionBatcher, AdmissionStepError } from './admission-batcher';
import { CountBuffer } from './count-buffer';
import { QuotaAlertProducer } from './quota-alert.producer';
import { QuotaStore } from './quota-store';

const REPLAY_INTERVAL_MS = 500;

/** What admission tells the rest of the call. */
export interface AdmittedCall {
  /** RateLimit-* for the client's answer. */
  responseHeaders: Record<string, string>;
  /** When the step admitted it, on Redis's clock (ms); null when no step ran. */
  at: number | null;
}

const UNMETERED: AdmittedCall = { responseHeaders: {}, at: null };

/** What counting a call did: its admission (null when no step ran) and its refusal, if any. */
export interface CountedCall {
  call: AdmittedCall;
  refusal: DomainError | null;
  admission: Admission | null;
  limits: AccountLimits;
}

/** One environment's admission: its ledger, its steps on their way, its calls to replay. */
interface Lane {
  ledger: QuotaLedger;
  batcher: AdmissionBatcher;
  buffer: CountBuffer;
}

/**
 * Admits each call against the account's rolling 30-day quota in one Lua step. If Redis cannot
 * be reached, or its reply is lost, fail-open (the default) admits the call and buffers its count
 * for an exactly-once replay (a step that ran is not replayed); fail-closed answers 503. A test
 * key's calls go through a lane of their own: their own ledger, under the plan's testCallLimit,
 * so they never spend the live quota.
 */
@Injectable()
export class QuotaAdmission implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QuotaAdmission.name);
  private readonly lanes: Record<KeyEnvironment, Lane>;
  private timer: NodeJS.Timeout | null = null;
  private replaying = false;
  private readonly planLimits = new Map<string, AccountLimits>();
  /** Usage reads on their way, by environment and account: calls meanwhile share them. */
  private readonly usageReads = new Map<string, Promise<number>>();

  constructor(
    @Inject(KEYGATE_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: GatewayMetrics,
    private readonly alerts: QuotaAlertProducer,
    private readonly store: QuotaStore,
  ) {
    const laneOf = (ledger: QuotaLedger): Lane => ({
      ledger,
      batcher: new AdmissionBatcher(
        ledger,
        (calls) => metrics.admissionBatchSize.observe(calls),
        undefined,
        store.neverSent,
      ),
      buffer: new CountBuffer(config.quotaBufferLimit),
    });
    this.lanes = { live: laneOf(store.ledgers.live), test: laneOf(store.ledgers.test) };
    const lanes = Object.values(this.lanes);
    metrics.trackBuffer(
      () => lanes.reduce((sum, lane) => sum + lane.buffer.size, 0),
      () => lanes.reduce((sum, lane) => sum + lane.buffer.dropped, 0),
    );
  }

  /** Steps admitted without Redis's answer, waiting for their replay. */
  get bufferedSteps(): number {
    return this.lanes.live.buffer.size + this.lanes.test.buffer.size;
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

  /**
   * Returns the RateLimit headers for the answer, or throws QUOTA_EXCEEDED, RATE_LIMITED,
   * CREDITS_EXHAUSTED or SERVICE_UNAVAILABLE. With QUOTA_ENABLED=false only rate limits and
   * credits are checked, and only calls under one take a step.
   */
  async admit(principal: Principal, label: string): Promise<AdmittedCall> {
    const counted = await this.count(principal, 1, label);
    if (counted.refusal) throw counted.refusal;
    return counted.call;
  }

  /**
   * Counts `cost` units of the key's calls against every limit, all or nothing (0: checks
   * whether one more call would pass, counting nothing), and answers what happened instead of
   * throwing the refusal: a verification reports it. SERVICE_UNAVAILABLE is still thrown.
   * `label`: what the call used (`resource|action`), counted with it per minute.
   */
  async count(principal: Principal, cost: number, label: string): Promise<CountedCall> {
    const { key, account } = principal;
    const limits = this.limitsOf(account.plan, key.environment);
    const lane = this.lanes[key.environment];
    if (
      !this.config.quotaEnabled &&
      limits.rateLimits.length === 0 &&
      key.rateLimits.length === 0 &&
      !key.credits
    )
      return { call: UNMETERED, refusal: null, admission: null, limits };
    const now = this.clock.now().getTime();
    let admission;
    try {
      admission = await lane.batcher.admit(
        account.id,
        { id: key.id, rateLimits: key.rateLimits, credits: key.credits, cost, label },
        limits,
        now,
      );
    } catch (error) {
      this.metrics.quotaStoreErrors.inc();
      if (this.config.quotaFailMode === 'closed')
        throw new ServiceUnavailableError('The quota store is unavailable; retry shortly');
      const stepId = error instanceof AdmissionStepError && error.mayHaveRun ? error.stepId : null;
      if (cost > 0) lane.buffer.add(stepId, account.id, key.id, dayIndexOf(now), now, cost, label);
      const call = { responseHeaders: { 'ratelimit-limit': String(limits.quota) }, at: null };
      return { call, refusal: null, admission: null, limits };
    }
    const refusal = refusalOf(admission, limits, principal, now);
    // Quota alerts are about the live quota; a test window running full is the tester's to see.
    if (!refusal && cost > 0 && key.environment === 'live')
      this.alerts.afterAdmission(account.id, admission.used, limits.quota, now);
    const call = { responseHeaders: rateLimitHeaders(admission), at: admission.at };
    return { call, refusal, admission, limits };
  }

  /** What the key's credits have left (uncounted), or null for a key without credits. */
  creditsLeft({
    key,
    account,
  }: Principal): Promise<{ remaining: number; nextRefillAt: number | null } | null> {
    return this.lanes[key.environment].ledger.creditsLeft(
      account.id,
      key.id,
      key.credits,
      this.clock.now().getTime(),
    );
  }

  /** The plan's rate limits, shared by every key of an account on it (in each environment). */
  accountRateLimits(plan: string): readonly RateLimit[] {
    return this.limitsOf(plan, 'live').rateLimits;
  }

  /**
   * One object per plan and environment, so the batcher can tell calls under the same limits by
   * identity. Test calls count against the plan's testCallLimit.
   */
  private limitsOf(plan: string, environment: KeyEnvironment): AccountLimits {
    const name = `${environment}|${plan}`;
    let limits = this.planLimits.get(name);
    if (!limits) {
      const settings = this.config.plans[plan];
      limits = {
        quota: this.config.quotaEnabled
          ? callLimitOf(settings, environment)
          : Number.MAX_SAFE_INTEGER,
        rateLimits: settings?.rateLimits ?? [],
      };
      this.planLimits.set(name, limits);
    }
    return limits;
  }

  /**
   * Used, limit and remaining for an account, without counting a call. Calls for one account
   * that arrive while its read is on its way share that read (one Redis round trip for a burst
   * of auth-context calls instead of one each).
   */
  async usage(principal: Principal): Promise<{ used: number; limit: number; remaining: number }> {
    const { environment } = principal.key;
    const limit = callLimitOf(this.config.plans[principal.account.plan], environment);
    const accountId = principal.account.id;
    const reading = `${environment}|${accountId}`;
    let read = this.usageReads.get(reading);
    if (!read) {
      read = this.lanes[environment].ledger
        .windowTotal(accountId, dayIndexOf(this.clock.now().getTime()))
        .finally(() => this.usageReads.delete(reading));
      this.usageReads.set(reading, read);
    }
    const used = await read;
    return { used, limit, remaining: Math.max(0, limit - used) };
  }

  private async replay(): Promise<void> {
    if (this.replaying || this.bufferedSteps === 0) return;
    this.replaying = true;
    try {
      const now = this.clock.now().getTime();
      for (const { ledger, buffer } of Object.values(this.lanes)) {
        // A minute's margin: a step's marker bucket expires STEP_MARKER_SECONDS after its last write.
        const lost = buffer.dropOlderThan((STEP_MARKER_SECONDS - 60) * 1000, now);
        if (lost > 0)
          this.logger.warn(
            `${lost} calls admitted while Redis was unreachable are older than its step markers and were not counted`,
          );
        const steps = buffer.take(now);
        for (const step of steps) {
          await ledger.replayStep(step);
          buffer.replayed(step.stepId);
        }
        if (steps.length > 0)
          this.logger.log('replayed the calls counted while Redis was unreachable');
      }
    } catch {
      // Redis still away; the same batches are retried on the next tick.
    } finally {
      this.replaying = false;
    }
  }
}

/** Every limit a key's calls are under, for RateLimit-Policy: the shortest window first. */
function policyOf(limits: AccountLimits, keyLimits: readonly RateLimit[]): RateLimit[] {
  return [
    ...keyLimits,
    ...limits.rateLimits,
    { limit: limits.quota, windowSeconds: QUOTA_WINDOW_SECONDS },
  ].sort((a, b) => a.windowSeconds - b.windowSeconds);
}

/** The refusal an admission stands for (rate limit, credits, quota, in that order), or null. */
function refusalOf(
  admission: Admission,
  limits: AccountLimits,
  { key, account }: Principal,
  now: number,
): DomainError | null {
  if (admission.rateLimited)
    return new RateLimitedError(admission.rateLimited, policyOf(limits, key.rateLimits));
  if (admission.creditsExhausted) {
    const next = admission.credits?.nextRefillAt ?? null;
    return new CreditsExhaustedError(
      next === null ? null : Math.max(1, Math.ceil((next - now) / 1000)),
      policyOf(limits, key.rateLimits),
    );
  }
  if (!admission.admitted)
    return new QuotaExceededError(
      admission,
      admission.retryAfterSeconds,
      account.plan,
      policyOf(limits, key.rateLimits),
    );
  return null;
}
