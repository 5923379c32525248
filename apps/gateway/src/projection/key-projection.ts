import {
  ACCOUNT_STREAM_PREFIX,
  AccountRecord,
  EventEnvelope,
  KEY_STREAM_PREFIX,
  KeyRecord,
  foldAccountEvent,
  foldKeyEvent,
} from '@keygate/contracts';
import { HeldKey, hashKey, hexOf } from './held-key';

export type ApplyOutcome = 'applied' | 'stale' | 'gap';

export interface KeyMatch {
  key: KeyRecord;
  /** Matched the secret a rotation replaced; valid only until `key.previousValidUntil`. */
  viaPreviousSecret: boolean;
}

/**
 * The gateway's in-memory read model of keys and accounts: a snapshot plus every event after
 * it, folded by the shared foldKeyEvent/foldAccountEvent. Each stream is applied strictly in
 * version order: an older or repeated version is stale (duplicates included), a skipped one is a
 * gap the caller repairs by re-fetching the key.
 */
export class KeyProjection {
  private keys = new Map<string, HeldKey>();
  private byHash = new Map<string, HeldKey>();
  private shared = new SharedValues();
  private accounts = new Map<string, AccountRecord>();

  get keyCount(): number {
    return this.keys.size;
  }

  /** Replaces everything with these records (specs build projections this way). */
  load(records: { accounts: AccountRecord[]; keys: KeyRecord[] }): void {
    this.clear();
    for (const account of records.accounts) this.putAccount(account);
    for (const key of records.keys) this.putKey(key);
  }

  /** Takes over everything `other` holds (a reload built beside the live one, then swapped in). */
  adopt(other: KeyProjection): void {
    this.keys = other.keys;
    this.byHash = other.byHash;
    this.accounts = other.accounts;
    this.shared = other.shared;
  }

  clear(): void {
    this.keys.clear();
    this.byHash.clear();
    this.accounts.clear();
  }

  /** Replaces an account with an authoritative record, unless ours is newer. */
  putAccount(record: AccountRecord): void {
    const current = this.accounts.get(record.id);
    if (!current || current.version < record.version) this.accounts.set(record.id, record);
  }

  /** Forgets a key the authoritative store has deleted. */
  removeKey(keyId: string): void {
    const current = this.keys.get(keyId);
    if (!current) return;
    this.unindex(current);
    this.keys.delete(keyId);
  }

  findBySecretHash(secretHash: string): KeyMatch | null {
    return this.findByHashBytes(hashKey(secretHash));
  }

  /** The hot path's lookup: the HMAC as raw bytes (secretHashBytes), no hex to convert. */
  findByHashBytes(hash: string): KeyMatch | null {
    const key = this.byHash.get(hash);
    if (!key) return null;
    return { key, viaPreviousSecret: key.hash !== hash };
  }

  key(keyId: string): KeyRecord | undefined {
    return this.keys.get(keyId)?.toRecord();
  }

  account(accountId: string): AccountRecord | undefined {
    return this.accounts.get(accountId);
  }

  /** Replaces a key with an authoritative record (after a gap), unless ours is newer. */
  putKey(record: KeyRecord): void {
    const current = this.keys.get(record.id);
    if (current && current.version >= record.version) return;
    if (current) this.unindex(current);
    this.index(record);
  }

  private index(record: KeyRecord): void {
    const held = this.shared.of(record);
    this.keys.set(held.id, held);
    this.byHash.set(held.hash, held);
    const previous = held.previousHash;
    if (previous) this.byHash.set(previous, held);
  }

  apply(event: EventEnvelope): ApplyOutcome {
    if (event.streamId.startsWith(KEY_STREAM_PREFIX)) return this.applyKeyEvent(event);
    if (event.streamId.startsWith(ACCOUNT_STREAM_PREFIX)) return this.applyAccountEvent(event);
    return 'stale';
  }

  private applyKeyEvent(event: EventEnvelope): ApplyOutcome {
    const keyId = event.streamId.slice(KEY_STREAM_PREFIX.length);
    const current = this.keys.get(keyId);
    const folded = foldKeyEvent(current?.toRecord(), event);
    if (folded.outcome !== 'applied') return folded.outcome;
    if (current) this.unindex(current);
    if (folded.record === null) this.keys.delete(keyId);
    else this.index(folded.record);
    return 'applied';
  }

  private applyAccountEvent(event: EventEnvelope): ApplyOutcome {
    const accountId = event.streamId.slice(ACCOUNT_STREAM_PREFIX.length);
    const folded = foldAccountEvent(this.accounts.get(accountId), event, accountId);
    if (folded.outcome !== 'applied') return folded.outcome;
    if (folded.record) this.accounts.set(accountId, folded.record);
    else this.accounts.delete(accountId);
    return 'applied';
  }

  /** Everything the projection holds, in a stable order: for comparing two gateways. */
  dump(): { accounts: AccountRecord[]; keys: KeyRecord[]; hashes: Array<[string, string]> } {
    const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);
    return {
      accounts: [...this.accounts.values()].sort(byId),
      keys: [...this.keys.values()].map((key) => key.toRecord()).sort(byId),
      hashes: [...this.byHash.entries()]
        .map(([hash, key]): [string, string] => [hexOf(hash), key.id])
        .sort((a, b) => a[0].localeCompare(b[0])),
    };
  }

  private unindex(key: HeldKey): void {
    this.byHash.delete(key.hash);
    const previous = key.previousHash;
    if (previous) this.byHash.delete(previous);
  }
}

/**
 * What many keys hold alike (an account id, rule sets, host lists, rate limits, metadata) kept once and
 * shared by reference: at a million keys the projection's size is the records themselves.
 */
class SharedValues {
  private readonly strings = new Map<string, string>();
  private readonly lists = new Map<string, unknown>();

  of(record: KeyRecord): HeldKey {
    return new HeldKey(
      record,
      this.string(record.accountId),
      this.list(record.rules),
      this.list(record.allowedHosts),
      this.list(record.rateLimits),
      this.list(record.meta),
    );
  }

  private string<T extends string>(value: T): T {
    const known = this.strings.get(value);
    if (known !== undefined) return known as T;
    this.strings.set(value, value);
    return value;
  }

  private list<T>(value: T): T {
    const key = JSON.stringify(value);
    const known = this.lists.get(key);
    if (known !== undefined) return known as T;
    this.lists.set(key, value);
    return value;
  }
}
