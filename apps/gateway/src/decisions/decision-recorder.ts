import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Counter } from 'prom-client';
import { GatewayConfig, KEYGATE_CONFIG } from '@keygate/config';
import {
  DECISION_FIELD,
  DecisionRecord,
  DomainError,
  decisionStreamKey,
  refusalDetailOf,
  refusalReasonOf,
  refusalSubjectOf,
} from '@keygate/contracts';
import { closeRedis, createFailFastRedis, RedisClient } from '@keygate/connections';
import { Principal } from '../auth/key-verifier';
import { ApiRequest } from '../call-pipeline/call-start';
import { callUseOf } from '../authorization/call-label';
import { CanonicalTarget } from '../edge/canonical-target';
import { GatewayMetrics } from '../metrics/gateway.metrics';
import { GatewayRegistry } from '../registry/gateway-registry.service';

/** Records waiting to be written; past this, refusals are dropped (and counted), never waited for. */
const BUFFER_LIMIT = 10_000;
const FLUSH_MS = 250;
/** Roughly how many records the stream keeps for the usage service to store. */
const STREAM_MAX_LENGTH = 100_000;

/** What a refused call had reached when it was refused. */
export interface RefusedCall {
  request: ApiRequest;
  target?: CanonicalTarget;
  principal?: Principal;
}

/**
 * The gateway's half of the decision log: every refusal becomes a record (request id, key,
 * account, canonical path, resource and action, code, reason and what the check saw), kept in a
 * bounded buffer and added to the decisions stream every 250 ms, off the call's path: a call
 * never waits for it, and a full buffer drops records (keygate_gateway_decisions_dropped_total).
 */
@Injectable()
export class DecisionRecorder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DecisionRecorder.name);
  private readonly buffer: DecisionRecord[] = [];
  private readonly dropped: Counter;
  private readonly stream: string;
  private redis?: RedisClient;
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> | null = null;

  constructor(
    @Inject(KEYGATE_CONFIG) private readonly config: GatewayConfig,
    private readonly registry: GatewayRegistry,
    metrics: GatewayMetrics,
  ) {
    this.stream = decisionStreamKey(config.redisNamespace);
    this.dropped = new Counter({
      name: 'keygate_gateway_decisions_dropped_total',
      help: 'Refusal records dropped because the buffer was full (Redis away)',
      registers: [metrics.registry],
    });
  }

  onApplicationBootstrap(): void {
    this.redis = createFailFastRedis(this.config.redisUrl, 'keygate-gateway-decisions');
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    if (this.redis) await closeRedis(this.redis);
  }

  /** Keeps a refusal for the log (what it needs is read now; writing waits for the next flush). */
  refused(call: RefusedCall, error: unknown): void {
    // The gateway's own refusals: an upstream that failed refused nothing.
    if (!this.config.decisionLogEnabled) return;
    if (!(error instanceof DomainError) || error.code.startsWith('UPSTREAM_')) return;
    if (this.buffer.length >= BUFFER_LIMIT) {
      this.dropped.inc();
      return;
    }
    const { request, target, principal } = call;
    // Named as the admission step counts admitted calls, so the two add up per resource and action.
    const use = target ? callUseOf(request.method, target.path) : null;
    const subject = refusalSubjectOf(error);
    this.buffer.push({
      requestId: String(request.headers['x-request-id'] ?? ''),
      at: new Date().toISOString(),
      gatewayId: this.registry.id,
      accountId: principal?.account.id ?? subject?.accountId ?? null,
      keyId: principal?.key.id ?? subject?.keyId ?? null,
      method: request.method,
      path: target?.path ?? request.url.split('?')[0],
      resource: use?.resource ?? null,
      action: use?.action ?? null,
      code: error.code,
      reason: refusalReasonOf(error),
      detail: refusalDetailOf(error),
    });
  }

  /** Adds what is buffered to the stream; what Redis does not take is kept for the next flush. */
  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.buffer.length === 0 || !this.redis) return;
    const batch = this.buffer.splice(0, 1000);
    const pipeline = this.redis.pipeline();
    for (const record of batch)
      pipeline.xadd(
        this.stream,
        'MAXLEN',
        '~',
        STREAM_MAX_LENGTH,
        '*',
        DECISION_FIELD,
        JSON.stringify(record),
      );
    const replies = await pipeline.exec().catch(() => null);
    const failed = replies ? batch.filter((_, i) => replies[i]?.[0]) : batch;
    if (failed.length > 0) {
      this.buffer.unshift(...failed.slice(0, BUFFER_LIMIT - this.buffer.length));
      this.logger.debug(`${failed.length} decision records wait for Redis`);
    }
  }
}
