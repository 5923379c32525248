import { AccountRecord } from '../dto/snapshot.dto';
import { KeyRecord } from '../dto/key.dto';

/**
 * The projection checkpoint in Redis: every key and account as the event stream has made them,
 * and the stream position they reflect. The key service writes it in the same Lua step that
 * XADDs the events; gateways load it in pages (HSCAN) and follow the stream from its position.
 * Its keys carry the stream's name as their hash tag, so in Redis Cluster they share the
 * stream's slot and one script can update all of them.
 */
export function checkpointKeys(eventStream: string) {
  const tag = `{${eventStream}}`;
  return {
    keys: `${tag}:checkpoint:keys`,
    accounts: `${tag}:checkpoint:accounts`,
    position: `${tag}:checkpoint:position`,
    /** Every secret hash a key holds (current, or the previous one in its grace period) → key id. */
    secrets: `${tag}:checkpoint:secrets`,
  };
}

/**
 * An account's active user keys, for the plan's limit: key id scored by `expiresAt` in ms (or
 * +inf), so the keys still active at a time are one ZCOUNT. Same hash tag as checkpointKeys.
 */
export function activeUserKeysKey(eventStream: string, accountId: string): string {
  return `{${eventStream}}:checkpoint:active-user-keys:${accountId}`;
}

/** Whether a key counts against its account's user-key limit, and until when (ms, or +inf). */
export function activeUserKeyScore(record: KeyRecord | null): string | null {
  if (!record || record.kind !== 'user' || record.status !== 'active') return null;
  return record.expiresAt ? String(Date.parse(record.expiresAt)) : '+inf';
}

/** A checkpoint entry: `<version>|<record as a JSON array>`, or `<version>|` once deleted. */
export type CheckpointEntry<T> = { version: number; record: T | null };

type KeyTuple = [
  string, // accountId
  string, // name
  KeyRecord['kind'],
  KeyRecord['access'],
  KeyRecord['type'],
  KeyRecord['rules'],
  KeyRecord['status'],
  string | null, // expiresAt
  string[], // allowedHosts
  string, // secretHash
  string | null, // previousSecretHash
  string | null, // previousValidUntil
  KeyRecord['rateLimits']?, // absent when [] and no meta (most keys): entries stay small
  KeyRecord['meta']?, // absent when {} and no credits
  KeyRecord['credits']?, // absent when null (unlimited)
  'test'?, // absent for a live key
];

export function encodeKeyEntry(version: number, record: KeyRecord | null): string {
  if (!record) return `${version}|`;
  const tuple: KeyTuple = [
    record.accountId,
    record.name,
    record.kind,
    record.access,
    record.type,
    record.rules,
    record.status,
    record.expiresAt,
    record.allowedHosts,
    record.secretHash,
    record.previousSecretHash,
    record.previousValidUntil,
  ];
  // Trailing parts only as far as the last one a key has: most keys have none of them.
  const trailing: unknown[] = [record.rateLimits, record.meta, record.credits, record.environment];
  const empty = [
    record.rateLimits.length === 0,
    Object.keys(record.meta).length === 0,
    !record.credits,
    record.environment === 'live',
  ];
  const kept = empty.lastIndexOf(false) + 1;
  (tuple as unknown[]).push(...trailing.slice(0, kept));
  return `${version}|${JSON.stringify(tuple)}`;
}

export function decodeKeyEntry(id: string, text: string): CheckpointEntry<KeyRecord> {
  const bar = text.indexOf('|');
  const version = Number(text.slice(0, bar));
  if (bar === text.length - 1) return { version, record: null };
  const t = JSON.parse(text.slice(bar + 1)) as KeyTuple;
  return {
    version,
    record: {
      id,
      accountId: t[0],
      name: t[1],
      kind: t[2],
      access: t[3],
      type: t[4],
      environment: t[15] ?? 'live',
      rules: t[5],
      status: t[6],
      expiresAt: t[7],
      allowedHosts: t[8],
      rateLimits: t[12] ?? [],
      meta: t[13] ?? {},
      credits: t[14] ?? null,
      version,
      secretHash: t[9],
      previousSecretHash: t[10],
      previousValidUntil: t[11],
    },
  };
}

export function encodeAccountEntry(record: AccountRecord): string {
  return `${record.version}|${JSON.stringify([record.name, record.plan])}`;
}

export function decodeAccountEntry(id: string, text: string): AccountRecord {
  const bar = text.indexOf('|');
  const [name, plan] = JSON.parse(text.slice(bar + 1)) as [string, string];
  return { id, name, plan, version: Number(text.slice(0, bar)) };
}
