import type { RedisClient } from '@keygate/connections';
import { LedgerKeyspace } from './ledger-keyspace';
import { DAY_MS, dayIndexOf, startOfDay } from './rolling-window';

const MINUTE_MS = 60_000;
const MINUTES_PER_DAY = DAY_MS / MINUTE_MS;

/**
 * What a call used, as the admission step counts it: `resource|action`. A content type's name
 * never holds `|` or `@`, so the labels of other routes (`@search|read`, `@graphql|create`,
 * `@verify|verify`) cannot be taken for one.
 */
export function callLabel(resource: string, action: string): string {
  return `${resource}|${action}`;
}

/** The label of a counted call that says nothing of what it used (tools, tests, benchmarks). */
export const UNLABELLED_CALL = callLabel('@api', 'call');

/** The minute of its UTC day a time falls in (0-1439). */
export const minuteOfDay = (ms: number): number =>
  Math.floor((ms - startOfDay(dayIndexOf(ms))) / MINUTE_MS);

/** Admitted calls of one key with one label in one minute. */
export interface MinuteUse {
  /** The minute's start (ms). */
  minute: number;
  resource: string;
  action: string;
  calls: number;
}

/** Admitted calls of one key with one label over a span. */
export interface LabelUse {
  resource: string;
  action: string;
  calls: number;
}

function split(label: string): { resource: string; action: string } {
  const bar = label.indexOf('|');
  return { resource: label.slice(0, bar), action: label.slice(bar + 1) };
}

/**
 * Reads what a key's admitted calls used, as the admission step counted them (per minute and per
 * day, kept DECISION_RETENTION_DAYS): for the decision log's summary, its listing and the
 * least-privilege advice.
 */
export class CallUses {
  readonly keyspace: LedgerKeyspace;

  constructor(
    private readonly redis: RedisClient,
    namespace: string,
  ) {
    this.keyspace = new LedgerKeyspace(namespace);
  }

  /** A key's admitted calls with each label in [fromMs, toMs): whole days read from their totals. */
  async totals(
    accountId: string,
    keyId: string,
    fromMs: number,
    toMs: number,
  ): Promise<LabelUse[]> {
    const sums = new Map<string, number>();
    const add = (label: string, calls: number) => sums.set(label, (sums.get(label) ?? 0) + calls);
    for (let day = dayIndexOf(fromMs); startOfDay(day) < toMs; day++) {
      const whole = startOfDay(day) >= fromMs && startOfDay(day + 1) <= toMs;
      if (whole) {
        const counts = await this.redis.hgetall(this.keyspace.usesOfDayKey(accountId, keyId, day));
        for (const [label, calls] of Object.entries(counts)) add(label, Number(calls));
      } else
        for (const use of await this.minutesOfDay(accountId, keyId, day))
          if (use.minute >= fromMs && use.minute < toMs)
            add(callLabel(use.resource, use.action), use.calls);
    }
    return [...sums].map(([label, calls]) => ({ ...split(label), calls }));
  }

  /** A key's per-minute counts on one UTC day, newest minute first, labels in descending order. */
  async minutesOfDay(accountId: string, keyId: string, day: number): Promise<MinuteUse[]> {
    const counts = await this.redis.hgetall(this.keyspace.usesByMinuteKey(accountId, keyId, day));
    return Object.entries(counts)
      .map(([field, calls]) => {
        const bar = field.indexOf('|');
        const minute = Number(field.slice(0, bar));
        return {
          minute: startOfDay(day) + Math.min(minute, MINUTES_PER_DAY - 1) * MINUTE_MS,
          ...split(field.slice(bar + 1)),
          calls: Number(calls),
        };
      })
      .sort(newestFirst);
  }
}

/** Newest minute first; within a minute, labels in descending order (the listing's cursor order). */
export function newestFirst(a: MinuteUse, b: MinuteUse): number {
  if (a.minute !== b.minute) return b.minute - a.minute;
  const left = callLabel(a.resource, a.action);
  const right = callLabel(b.resource, b.action);
  return left < right ? 1 : left > right ? -1 : 0;
}
