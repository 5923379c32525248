import type { RedisClient } from '@keygate/connections';
import { randomUUID } from 'node:crypto';
import {
  CreditsLeft,
  KeyCredits,
  RateLimit,
  creditPeriodAt,
  creditPeriodStart,
} from '@keygate/contracts';
import { ADMIT_LUA, CREDITS_LEFT_LUA, REPLAY_LUA } from './admission.lua';
import { UNLABELLED_CALL, minuteOfDay } from './call-uses';
import { LedgerKeyspace, ledgerNamespaceOf } from './ledger-keyspace';
import { DAY_MS, WINDOW_DAYS, dayIndexOf, startOfDay, windowStartDay } from './rolling-window';

export interface QuotaLedgerOptions {
  /** Count each admitted call by what it used, per minute (DECISION_LOG_ENABLED); true by default. */
  countUses?: boolean;
  /** Days those counts are kept after their day (DECISION_RETENTION_DAYS); 30 by default. */
  usesKeptDays?: number;
  /** Where those counts live when not under the ledger's own namespace. */
  usesNamespace?: string;
}

/** The rate limit that refused a call, and when one more call fits under it. */
export interface RateLimitRefusal extends RateLimit {
  scope: 'key' | 'account';
  retryAfterMs: number;
}

/** One call's admission: the quota's state after it, and what refused it, if anything. */
export interface Admission {
  admitted: boolean;
  limit: number;
  used: number;
  remaining: number;
  /** Seconds until the oldest calls in the window drop out (0 when the window is empty). */
  resetSeconds: number;
  /** When the quota refused: seconds until one more call fits; null if it never will (limit 0). */
  retryAfterSeconds: number | null;
  /** Set when a rate limit refused the call (the quota had room): the one that waits longest. */
  rateLimited?: RateLimitRefusal;
  /** The call's key has credits: what it has left after this step, when they are next refilled. */
  credits?: { remaining: number; nextRefillAt: number | null };
  /** Set when the key's credits refused the call (the quota and the rate limits had room). */
  creditsExhausted?: true;
  /** Redis's time when the step ran (ms): the one clock rate limits are judged on. */
  at: number;
}

/** The key a call is made with: its id, its own rate limits and credits (a held key is one). */
export interface CallingKey {
  id: string;
  rateLimits: readonly RateLimit[];
  /** Absent or null: it spends without limit. */
  credits?: KeyCredits | null;
  /** What this call counts against every limit: 1 when absent; 0 checks without counting. */
  cost?: number;
  /** What the call used (`resource|action`, callLabel), counted per minute: unlabelled when absent. */
  label?: string;
}

/** Calls of keys with no rate limits of their own. */
export const withoutLimits = (keyIds: readonly string[]): CallingKey[] =>
  keyIds.map((id) => ({ id, rateLimits: [] }));

/** What bounds every call of an account: its plan's 30-day quota and rate limits. */
export interface AccountLimits {
  quota: number;
  rateLimits: readonly RateLimit[];
}

/**
 * Calls of one account admitted without Redis's answer, to be replayed as one step: `stepId` is
 * the id of the admission step whose reply was lost (which may have run), or a fresh one for
 * calls whose step never reached Redis.
 */
export interface BufferedStep {
  stepId: string;
  accountId: string;
  day: number;
  /** Calls per key id. */
  counts: Record<string, number>;
  /** The same calls per key id, by what they used: `minute|resource|action` → calls. */
  uses: Record<string, Record<string, number>>;
  lastUsedAt: number;
}

/** A step id names the minute it was sent in, which names its marker bucket. */
export function newStepId(nowMs: number): string {
  return `${Math.floor(nowMs / 60_000)}.${randomUUID()}`;
}

/** The time a step id was made at (the start of its minute). */
export function stepIdTime(stepId: string): number {
  return Number(stepId.slice(0, stepId.indexOf('.'))) * 60_000;
}

const ADMITTED = 0;
const REFUSED_BY_QUOTA = 1;
const REFUSED_BY_RATE_LIMIT = 2;
const REFUSED_BY_CREDITS = 3;
const REFILL_MODES = { replace: 1, add: 2 } as const;

/** A key's credits as the admission step reads them, with the refill period `nowMs` is in. */
function creditArgs(credits: KeyCredits | null | undefined, nowMs: number): Array<number> {
  if (!credits) return [0];
  const { refill, set, added } = credits;
  const period = refill ? creditPeriodAt(Date.parse(credits.anchor), refill.every, nowMs) : 0;
  return [
    1,
    set.version,
    set.amount,
    set.period,
    added,
    period,
    refill ? REFILL_MODES[refill.mode] : 0,
    refill?.amount ?? 0,
    refill?.cap ?? -1,
  ];
}

/** What a key's credits have left, as the wire carries it (the next refill as an ISO time). */
export function creditsLeftOnWire(
  left: { remaining: number; nextRefillAt: number | null } | null | undefined,
): CreditsLeft | null {
  if (!left) return null;
  const { remaining, nextRefillAt: next } = left;
  return { remaining, nextRefillAt: next === null ? null : new Date(next).toISOString() };
}

/** When a key's credits are next refilled, or null without a refill. */
function nextRefillAt(credits: KeyCredits, nowMs: number): number | null {
  if (!credits.refill) return null;
  const anchor = Date.parse(credits.anchor);
  const period = creditPeriodAt(anchor, credits.refill.every, nowMs);
  return creditPeriodStart(anchor, credits.refill.every, period + 1);
}

/** The step's waits (ms, per limit in its KEYS order) as refusals, for the limits that are full. */
function rateLimitRefusals(
  account: readonly RateLimit[],
  keys: readonly CallingKey[],
  waits: number[],
): { account: RateLimitRefusal[]; byKey: Map<string, RateLimitRefusal[]> } {
  let next = 0;
  const refusals = (scope: RateLimitRefusal['scope'], list: readonly RateLimit[]) =>
    list.flatMap((limit) => {
      const retryAfterMs = waits[next++];
      return retryAfterMs > 0 ? [{ scope, ...limit, retryAfterMs }] : [];
    });
  const accountRefusals = refusals('account', account);
  const byKey = new Map(keys.map((call) => [call.id, refusals('key', call.rateLimits)]));
  return { account: accountRefusals, byKey };
}

type LedgerRedis = RedisClient & {
  keygateAdmit(numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<number[]>;
  keygateReplay(numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<number>;
  keygateCreditsLeft(numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<number>;
};

/**
 * The per-account and per-key call ledger in Redis, under KEYGATE_REDIS_NAMESPACE: admission,
 * replay, and reading the window.
 */
export class QuotaLedger {
  private readonly redis: LedgerRedis;
  readonly keyspace: LedgerKeyspace;

  private readonly countUses: boolean;
  private readonly usesKeptDays: number;
  /** Where the counts of what calls used are kept (a test ledger keeps them with the live ones). */
  private readonly usesKeyspace: LedgerKeyspace;

  /**
   * `countUses` (DECISION_LOG_ENABLED): admitted calls are also counted per minute by what they
   * used, kept `usesKeptDays` after their day (DECISION_RETENTION_DAYS).
   */
  constructor(redis: RedisClient, namespace: string, options: QuotaLedgerOptions = {}) {
    this.countUses = options.countUses ?? true;
    this.usesKeptDays = options.usesKeptDays ?? 30;
    this.usesKeyspace = new LedgerKeyspace(options.usesNamespace ?? namespace);
    this.keyspace = new LedgerKeyspace(namespace);
    if (!('keygateAdmit' in redis)) {
      // EVALSHA with a fallback to EVAL: the script is sent once per connection. The admission
      // takes a variable number of keys, so its key count is the first argument.
      redis.defineCommand('keygateAdmit', { lua: ADMIT_LUA });
      redis.defineCommand('keygateReplay', { lua: REPLAY_LUA });
      redis.defineCommand('keygateCreditsLeft', { lua: CREDITS_LEFT_LUA });
    }
    this.redis = redis as LedgerRedis;
  }

  /** One call under the quota alone (no rate limits): tools, tests and benchmarks. */
  async admit(accountId: string, keyId: string, quota: number, nowMs: number): Promise<Admission> {
    const [admission] = await this.admitMany(
      accountId,
      [{ id: keyId, rateLimits: [] }],
      { quota, rateLimits: [] },
      nowMs,
      newStepId(nowMs),
    );
    return admission;
  }

  /**
   * Admits calls of one account in one atomic step, in order: exactly what as many `admit`s
   * would do, for one round trip. The step records its id, so replaying it after a lost reply
   * (replayStep) counts nothing twice.
   */
  async admitMany(
    accountId: string,
    calls: readonly CallingKey[],
    limits: AccountLimits,
    nowMs: number,
    stepId: string,
  ): Promise<Admission[]> {
    const keys = this.keyspace.keysOf(accountId);
    const distinct: CallingKey[] = [];
    const indexOf = new Map<string, number>();
    for (const call of calls) if (!indexOf.has(call.id)) indexOf.set(call.id, distinct.push(call));
    const limitKeys = [
      ...limits.rateLimits.map((l) => this.keyspace.accountRateKey(accountId, l.windowSeconds)),
      ...distinct.flatMap((call) =>
        call.rateLimits.map((l) => this.keyspace.keyRateKey(accountId, call.id, l.windowSeconds)),
      ),
    ];
    const withCredits = distinct.filter((call) => call.credits);
    const creditKeys = withCredits.map((call) => this.keyspace.creditsKey(accountId, call.id));
    const limitArgs = (list: readonly RateLimit[]) => [
      list.length,
      ...list.flatMap((l) => [l.limit, l.windowSeconds * 1000]),
    ];
    const today = dayIndexOf(nowMs);
    const labels: string[] = [];
    const labelIndex = new Map<string, number>();
    // Label 0: counted by nothing but the ledger.
    const labelOf = (call: CallingKey) => {
      if (!this.countUses) return 0;
      const label = call.label ?? UNLABELLED_CALL;
      let index = labelIndex.get(label);
      if (index === undefined) labelIndex.set(label, (index = labels.push(label)));
      return index;
    };
    const callLabels = calls.map(labelOf);
    const reply = await this.redis.keygateAdmit(
      4 + distinct.length * 3 + limitKeys.length + creditKeys.length,
      keys.days,
      keys.meta,
      keys.lastUsed,
      this.keyspace.stepBucket(accountId, stepId),
      ...distinct.map((call) => this.keyspace.keysOf(accountId, call.id).keyDays),
      ...limitKeys,
      ...creditKeys,
      ...distinct.flatMap((call) => this.usesKeys(accountId, call.id, today)),
      today,
      limits.quota,
      nowMs,
      stepId,
      distinct.length,
      ...distinct.map((call) => call.id),
      ...limitArgs(limits.rateLimits),
      ...distinct.flatMap((call) => limitArgs(call.rateLimits)),
      ...distinct.flatMap((call) => creditArgs(call.credits, nowMs)),
      this.usesExpireAt(today),
      minuteOfDay(nowMs),
      labels.length,
      ...labels,
      ...calls.map((call) => indexOf.get(call.id)!),
      ...calls.map((call) => call.cost ?? 1),
      ...callLabels,
    );
    const [admittedCount, usedAfter, first, roomDay, at] = reply;
    const codes = reply.slice(5, 5 + calls.length);
    const waits = reply.slice(5 + calls.length, 5 + calls.length + limitKeys.length);
    // What each key's credits have left after the step, and its next refill: once a key.
    const creditsLeft = new Map(
      withCredits.map((call, i) => [
        call.id,
        {
          remaining: reply[5 + calls.length + limitKeys.length + i],
          nextRefillAt: nextRefillAt(call.credits!, nowMs),
        },
      ]),
    );
    const refusals = rateLimitRefusals(limits.rateLimits, distinct, waits);
    const resetSeconds =
      first >= 0 ? Math.ceil((startOfDay(first + WINDOW_DAYS) - nowMs) / 1000) : 0;
    const retryAfterSeconds = roomDay >= 0 ? Math.ceil((startOfDay(roomDay) - nowMs) / 1000) : null;
    let used = usedAfter - admittedCount;
    return calls.map((call, i) => {
      const admitted = codes[i] === ADMITTED;
      if (admitted) used += call.cost ?? 1;
      const callUsed = admitted ? used : usedAfter;
      return {
        admitted,
        limit: limits.quota,
        used: callUsed,
        remaining: Math.max(0, limits.quota - callUsed),
        resetSeconds,
        retryAfterSeconds: codes[i] === REFUSED_BY_QUOTA ? retryAfterSeconds : 0,
        ...(creditsLeft.has(call.id) && { credits: creditsLeft.get(call.id) }),
        ...(codes[i] === REFUSED_BY_CREDITS && { creditsExhausted: true as const }),
        ...(codes[i] === REFUSED_BY_RATE_LIMIT && {
          rateLimited: refusals.account
            .concat(refusals.byKey.get(call.id) ?? [])
            .reduce((longest, refusal) =>
              refusal.retryAfterMs > longest.retryAfterMs ? refusal : longest,
            ),
        }),
        at,
      };
    });
  }

  /** What a key's credits have left now and when they are next refilled; null: unlimited. */
  async creditsLeft(
    accountId: string,
    keyId: string,
    credits: KeyCredits | null,
    nowMs: number,
  ): Promise<{ remaining: number; nextRefillAt: number | null } | null> {
    if (!credits) return null;
    const remaining = await this.redis.keygateCreditsLeft(
      1,
      this.keyspace.creditsKey(accountId, keyId),
      ...creditArgs(credits, nowMs).slice(1),
    );
    return { remaining, nextRefillAt: nextRefillAt(credits, nowMs) };
  }

  /** Applies a buffered step unless it already ran or was replayed; true when it counted now. */
  async replayStep(step: BufferedStep): Promise<boolean> {
    const keys = this.keyspace.keysOf(step.accountId);
    const keyIds = Object.keys(step.counts);
    const applied = await this.redis.keygateReplay(
      4 + keyIds.length * 3,
      keys.days,
      keys.meta,
      keys.lastUsed,
      this.keyspace.stepBucket(step.accountId, step.stepId),
      ...keyIds.map((id) => this.keyspace.keysOf(step.accountId, id).keyDays),
      ...keyIds.flatMap((id) => this.usesKeys(step.accountId, id, step.day)),
      step.day,
      step.stepId,
      step.lastUsedAt,
      keyIds.length,
      ...keyIds,
      ...keyIds.map((id) => step.counts[id]),
      this.usesExpireAt(step.day),
      ...keyIds.flatMap((id) => {
        const uses = this.countUses ? Object.entries(step.uses[id] ?? {}) : [];
        return [uses.length, ...uses.flat()];
      }),
    );
    return applied === 1;
  }

  /** A key's uses of one day: by minute, then in all (the admission and the replay count both). */
  private usesKeys(accountId: string, keyId: string, day: number): string[] {
    return [
      this.usesKeyspace.usesByMinuteKey(accountId, keyId, day),
      this.usesKeyspace.usesOfDayKey(accountId, keyId, day),
    ];
  }

  /** When a day's uses expire (s): the retention after the day ends. */
  private usesExpireAt(day: number): number {
    return ((day + 1) * DAY_MS) / 1000 + this.usesKeptDays * 86_400;
  }

  /** Day counts of the account (or of one key) for the window ending on `today`. */
  async windowCounts(
    accountId: string,
    today: number,
    keyId?: string,
  ): Promise<Map<number, number>> {
    const keys = this.keyspace.keysOf(accountId, keyId);
    const days = Array.from({ length: WINDOW_DAYS }, (_, i) => windowStartDay(today) + i);
    const values = await this.redis.hmget(keyId ? keys.keyDays : keys.days, ...days.map(String));
    return new Map(days.map((day, i) => [day, Number(values[i] ?? 0)]));
  }

  /**
   * The account's calls in the window ending `today`: the admission script's running total when
   * its window already starts where today's does (one small read), else the days summed.
   */
  async windowTotal(accountId: string, today: number): Promise<number> {
    const keys = this.keyspace.keysOf(accountId);
    const [total, floor] = await this.redis.hmget(keys.meta, 'total', 'floor');
    if (floor !== null && Number(floor) === windowStartDay(today)) return Number(total ?? 0);
    let sum = 0;
    for (const count of (await this.windowCounts(accountId, today)).values()) sum += count;
    return sum;
  }

  async lastUsed(accountId: string): Promise<Record<string, number>> {
    const raw = await this.redis.hgetall(this.keyspace.keysOf(accountId).lastUsed);
    return Object.fromEntries(Object.entries(raw).map(([keyId, ms]) => [keyId, Number(ms)]));
  }
}

/**
 * The live calls' ledger and the test keys' beside it (ledgerNamespaceOf), on one connection:
 * what every reader or writer of usage holds, one per key environment.
 */
export function environmentLedgers(
  redis: RedisClient,
  namespace: string,
  options: QuotaLedgerOptions = {},
): Record<'live' | 'test', QuotaLedger> {
  const ledgerOf = (environment: 'live' | 'test') =>
    new QuotaLedger(redis, ledgerNamespaceOf(namespace, environment), options);
  return { live: ledgerOf('live'), test: ledgerOf('test') };
}
