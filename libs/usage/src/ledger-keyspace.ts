/** What one ledger key holds (see LedgerKeyspace.keysOf). */
export type LedgerKeyKind = 'days' | 'meta' | 'key-days' | 'last-used' | 'steps' | 'uses';

export interface ParsedLedgerKey {
  accountId: string;
  kind: LedgerKeyKind;
  /** The key id of a key's day counts. */
  keyId?: string;
}

/**
 * The names of the call ledger's Redis keys under one namespace (KEYGATE_REDIS_NAMESPACE).
 * Every key of an account carries the hash tag `{a:<accountId>}`, whatever the namespace, so one
 * script's keys share a Cluster slot, and an account's keys in two namespaces do too.
 */
export class LedgerKeyspace {
  private readonly accountPrefix: string;

  constructor(readonly namespace: string) {
    this.accountPrefix = `${namespace}:{a:`;
  }

  tagOf(accountId: string): string {
    return `${this.accountPrefix}${accountId}}`;
  }

  keysOf(accountId: string, keyId = '') {
    const tag = this.tagOf(accountId);
    return {
      /** Hash: UTC day index → calls of the account. */
      days: `${tag}:days`,
      /** Hash: the admission script's running total, its window floor and first day with calls. */
      meta: `${tag}:meta`,
      /** Hash: UTC day index → calls of one key. */
      keyDays: `${tag}:key:${keyId}`,
      /** Hash: key id → last admitted call (ms). */
      lastUsed: `${tag}:last-used`,
      tag,
    };
  }

  /** Hash: sub-window index → calls of the account under its plan's limit on this window. */
  accountRateKey(accountId: string, windowSeconds: number): string {
    return `${this.tagOf(accountId)}:rate:a:${windowSeconds}`;
  }

  /** Hash: sub-window index → calls of one key under its limit on this window. */
  keyRateKey(accountId: string, keyId: string, windowSeconds: number): string {
    return `${this.tagOf(accountId)}:rate:k:${keyId}:${windowSeconds}`;
  }

  /** Hash: what one key's credits have left, and the set, adds and refill period applied. */
  creditsKey(accountId: string, keyId: string): string {
    return `${this.tagOf(accountId)}:credits:${keyId}`;
  }

  /** Hash: `minute|resource|action` → one key's admitted calls on one UTC day (minute of the day). */
  usesByMinuteKey(accountId: string, keyId: string, day: number): string {
    return `${this.tagOf(accountId)}:uses:${keyId}:${day}:m`;
  }

  /** Hash: `resource|action` → one key's admitted calls on one UTC day. */
  usesOfDayKey(accountId: string, keyId: string, day: number): string {
    return `${this.tagOf(accountId)}:uses:${keyId}:${day}:d`;
  }

  /** Hash of the admission steps that ran in one minute (step id → calls), kept 15 minutes. */
  stepBucket(accountId: string, stepId: string): string {
    return `${this.tagOf(accountId)}:steps:${stepId.slice(0, stepId.indexOf('.'))}`;
  }

  /** SCAN pattern of every ledger key of every account. */
  get everyKey(): string {
    return `${this.accountPrefix}*`;
  }

  /** SCAN pattern of every key's day counts. */
  get everyKeyDays(): string {
    return `${this.accountPrefix}*}:key:*`;
  }

  /** What a ledger key of this namespace is, or null for any other key. */
  parse(name: string): ParsedLedgerKey | null {
    if (!name.startsWith(this.accountPrefix)) return null;
    const close = name.indexOf('}', this.accountPrefix.length);
    if (close < 0 || name[close + 1] !== ':') return null;
    const accountId = name.slice(this.accountPrefix.length, close);
    const rest = name.slice(close + 2);
    if (rest === 'days' || rest === 'meta' || rest === 'last-used')
      return { accountId, kind: rest };
    if (rest.startsWith('key:')) return { accountId, kind: 'key-days', keyId: rest.slice(4) };
    if (rest.startsWith('steps:')) return { accountId, kind: 'steps' };
    if (rest.startsWith('uses:')) return { accountId, kind: 'uses' };
    return null;
  }
}

/**
 * The namespace of an environment's ledger: the live one is KEYGATE_REDIS_NAMESPACE itself; test
 * keys count in one beside it (`<namespace>:test`), a window of their own whose SCAN patterns
 * never match the live one's. An account's keys keep its hash tag in both.
 */
export function ledgerNamespaceOf(namespace: string, environment: 'live' | 'test'): string {
  return environment === 'test' ? `${namespace}:test` : namespace;
}

/** Where versions before 0.2 kept the ledger, whatever KEYGATE_REDIS_NAMESPACE said. */
export const LEGACY_LEDGER_NAMESPACE = 'kg';
