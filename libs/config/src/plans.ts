import { RateLimit } from '@keygate/contracts';

export interface Plan {
  /** Whether keys of accounts on this plan may call the API at all. */
  apiAccess: boolean;
  /** Calls per rolling 30-day window, shared by every key of the account. */
  callLimit: number;
  /** Calls of the account's test keys per rolling 30-day window of their own (never the live quota). */
  testCallLimit: number;
  /** How many user-defined keys the account may hold (application keys do not count). */
  maxUserKeys: number;
  /** Limits shared by every key of the account, on top of each key's own (ADR 9). */
  rateLimits?: RateLimit[];
}

export type PlanTable = Record<string, Plan>;

/** Calls per 30 days a key of this environment may make on the plan (0 for no plan). */
export function callLimitOf(plan: Plan | undefined, environment: 'live' | 'test'): number {
  return (environment === 'test' ? plan?.testCallLimit : plan?.callLimit) ?? 0;
}

export const DEFAULT_PLANS: PlanTable = {
  free: { apiAccess: false, callLimit: 1_000, testCallLimit: 100, maxUserKeys: 0 },
  starter: { apiAccess: true, callLimit: 100_000, testCallLimit: 1_000, maxUserKeys: 5 },
  pro: { apiAccess: true, callLimit: 1_000_000, testCallLimit: 10_000, maxUserKeys: 25 },
  enterprise: {
    apiAccess: true,
    callLimit: 100_000_000,
    testCallLimit: 100_000,
    maxUserKeys: 1_000,
  },
};
