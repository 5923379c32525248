import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { ADMIT_LUA, REPLAY_LUA } from './admission.lua';
import { LedgerKeyspace } from './ledger-keyspace';
import { WINDOW_DAYS, dayIndexOf, startOfDay, windowStartDay } from './rolling-window';

export interface Admission {
  admitted: boolean;
  limit: number;
  used: number;
  remaining: number;
  /** Seconds until the oldest calls in the window drop out (0 when the window is empty). */
  resetSeconds: number;
  /** When refused: seconds until one more call fits; null if it never will (limit 0). */
  retryAfterSeconds: number | null;
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

type LedgerRedis = Redis & {
  keygateAdmit(
    numberOfKeys: number,
    ...keysAndArgs: Array<string | number>
  ): Promise<[number, number, number, number]>;
  keygateReplay(numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<number>;
};

/**
 * The per-account and per-key call ledger in Redis, under KEYGATE_REDIS_NAMESPACE: admission,
 * replay, and reading the window.
 */
export class QuotaLedger {
  private readonly redis: LedgerRedis;
  readonly keyspace: LedgerKeyspace;

  constructor(redis: Redis, namespace: string) {
    this.keyspace = new LedgerKeyspace(namespace);
    if (!('keygateAdmit' in redis)) {
      // EVALSHA with a fallback to EVAL: the script is sent once per connection. The admission
      // takes a variable number of keys, so its key count is the first argument.
      redis.defineCommand('keygateAdmit', { lua: ADMIT_LUA });
      redis.defineCommand('keygateReplay', { lua: REPLAY_LUA });
    }
    this.redis = redis as LedgerRedis;
  }

  async admit(accountId: string, keyId: string, limit: number, nowMs: number): Promise<Admission> {
    const [admission] = await this.admitMany(accountId, [keyId], limit, nowMs, newStepId(nowMs));
    return admission;
  }

  /**
   * Admits calls of one account (one key id per call) in one atomic step, in order: exactly what
   * as many `admit`s would do, for one round trip. The step records its id, so replaying it after
   * a lost reply (replayStep) counts nothing twice.
   */
  async admitMany(
    accountId: string,
    keyIds: string[],
    limit: number,
    nowMs: number,
    stepId: string,
  ): Promise<Admission[]> {
    const keys = this.keyspace.keysOf(accountId);
    const distinct = [...new Set(keyIds)];
    const indexOf = new Map(distinct.map((id, i) => [id, i + 1]));
    const today = dayIndexOf(nowMs);
    const [admittedCount, usedAfter, first, roomDay] = await this.redis.keygateAdmit(
      4 + distinct.length,
      keys.days,
      keys.meta,
      keys.lastUsed,
      this.keyspace.stepBucket(accountId, stepId),
      ...distinct.map((id) => this.keyspace.keysOf(accountId, id).keyDays),
      today,
      limit,
      nowMs,
      stepId,
      distinct.length,
      ...distinct,
      ...keyIds.map((id) => indexOf.get(id)!),
    );
    const resetSeconds =
      first >= 0 ? Math.ceil((startOfDay(first + WINDOW_DAYS) - nowMs) / 1000) : 0;
    const retryAfterSeconds = roomDay >= 0 ? Math.ceil((startOfDay(roomDay) - nowMs) / 1000) : null;
    const usedBefore = usedAfter - admittedCount;
    return keyIds.map((_, i) => {
      const admitted = i < admittedCount;
      const used = admitted ? usedBefore + i + 1 : usedAfter;
      return {
        admitted,
        limit,
        used,
        remaining: Math.max(0, limit - used),
        resetSeconds,
        retryAfterSeconds: admitted ? 0 : retryAfterSeconds,
      };
    });
  }

  /** Applies a buffered step unless it already ran or was replayed; true when it counted now. */
  async replayStep(step: BufferedStep): Promise<boolean> {
    const keys = this.keyspace.keysOf(step.accountId);
    const keyIds = Object.keys(step.counts);
    const applied = await this.redis.keygateReplay(
      4 + keyIds.length,
      keys.days,
      keys.meta,
      keys.lastUsed,
      this.keyspace.stepBucket(step.accountId, step.stepId),
      ...keyIds.map((id) => this.keyspace.keysOf(step.accountId, id).keyDays),
      step.day,
      step.stepId,
      step.lastUsedAt,
      keyIds.length,
      ...keyIds,
      ...keyIds.map((id) => step.counts[id]),
    );
    return applied === 1;
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
