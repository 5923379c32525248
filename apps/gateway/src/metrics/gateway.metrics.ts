import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ProjectionService } from '../projection/projection.service';

/** One call in this many has its verification timed (keygate_gateway_auth_seconds). */
export const AUTH_TIMING_SAMPLE = 16;

/** Prometheus metrics served at GET /metrics. */
@Injectable()
export class GatewayMetrics {
  readonly registry = new Registry();

  /**
   * Forwarded calls since the last scrape: a plain number on the hot path, added to the counter
   * when it is read (a prom-client increment costs more than the call's permission check).
   */
  private forwardedSinceRead = 0;

  readonly requests = new Counter({
    name: 'keygate_gateway_requests_total',
    help: 'API calls by outcome: forwarded, or the error code they were refused with',
    labelNames: ['outcome'],
    registers: [this.registry],
    collect: () => this.foldForwarded(),
  });

  private calls = 0;

  /** A call was forwarded upstream. */
  countForwarded(): void {
    this.forwardedSinceRead++;
  }

  /** True for the calls whose verification is timed: one in AUTH_TIMING_SAMPLE. */
  timesThisCall(): boolean {
    return ++this.calls % AUTH_TIMING_SAMPLE === 0;
  }

  private foldForwarded(): void {
    if (this.forwardedSinceRead === 0) return;
    this.requests.labels('forwarded').inc(this.forwardedSinceRead);
    this.forwardedSinceRead = 0;
  }

  readonly quotaStoreErrors = new Counter({
    name: 'keygate_gateway_quota_store_errors_total',
    help: 'Admissions that could not reach Redis (admitted and buffered when failing open)',
    registers: [this.registry],
  });

  readonly admissionBatchSize = new Histogram({
    name: 'keygate_gateway_admission_batch_calls',
    help: 'Calls admitted per Lua step (the calls of one event-loop turn, per account)',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [this.registry],
  });

  readonly authSeconds = new Histogram({
    name: 'keygate_gateway_auth_seconds',
    help: `Time to verify a key and its permission (in memory), timed for one call in ${AUTH_TIMING_SAMPLE}`,
    buckets: [0.00001, 0.00002, 0.00005, 0.0001, 0.0002, 0.0005, 0.001, 0.005],
    registers: [this.registry],
  });

  /** Buffered counts while Redis is away, and those dropped because the buffer was full. */
  trackBuffer(size: () => number, dropped: () => number): void {
    new Gauge({
      name: 'keygate_gateway_quota_buffered_counts',
      help: 'Counters waiting to be replayed into Redis',
      registers: [this.registry],
      collect() {
        this.set(size());
      },
    });
    new Gauge({
      name: 'keygate_gateway_quota_dropped_counts',
      help: 'Calls not counted because the buffer was full',
      registers: [this.registry],
      collect() {
        this.set(dropped());
      },
    });
  }

  constructor(projection: ProjectionService) {
    new Gauge({
      name: 'keygate_gateway_cached_keys',
      help: 'Keys in the in-memory projection',
      registers: [this.registry],
      collect() {
        this.set(projection.projection.keyCount);
      },
    });
    new Gauge({
      name: 'keygate_gateway_projection_lag_seconds',
      help: 'Delay between the newest applied event occurring and reaching this gateway',
      registers: [this.registry],
      collect() {
        this.set((projection.lagMs ?? 0) / 1000);
      },
    });
  }
}
