import { Inject, Injectable } from '@nestjs/common';
import { KEYGATE_CONFIG, GatewayConfig } from '@keygate/config';
import { TooManyConcurrentCallsError } from '@keygate/contracts';

/**
 * Calls in flight per account on this gateway, capped so that one account (a slow client, a
 * slow upstream route, a flood) can hold only its share of the upstream pool.
 */
@Injectable()
export class AccountConcurrency {
  private readonly inFlight = new Map<string, number>();
  private readonly limit: number;

  constructor(@Inject(KEYGATE_CONFIG) config: GatewayConfig) {
    this.limit = config.upstream.accountConcurrencyLimit;
  }

  /** The account's calls in flight on this gateway. */
  inFlightOf(accountId: string): number {
    return this.inFlight.get(accountId) ?? 0;
  }

  /** Takes a slot or throws 429; the returned function gives it back (once). */
  acquire(accountId: string): () => void {
    const current = this.inFlight.get(accountId) ?? 0;
    if (current >= this.limit) throw new TooManyConcurrentCallsError(this.limit);
    this.inFlight.set(accountId, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(accountId) ?? 1) - 1;
      if (left <= 0) this.inFlight.delete(accountId);
      else this.inFlight.set(accountId, left);
    };
  }
}
