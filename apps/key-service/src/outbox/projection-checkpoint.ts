import { Inject, Injectable, Logger } from '@nestjs/common';
import { KEYGATE_CONFIG, KeyServiceConfig } from '@keygate/config';
import {
  ACCOUNT_STREAM_PREFIX,
  AccountRecord,
  CLOCK,
  Clock,
  EventEnvelope,
  KEY_STREAM_PREFIX,
  KeyRecord,
  activeUserKeyScore,
  activeUserKeysKey,
  checkpointKeys,
  decodeAccountEntry,
  decodeKeyEntry,
  encodeAccountEntry,
  encodeKeyEntry,
  foldAccountEvent,
  foldKeyEvent,
  secretHashesOf,
} from '@keygate/contracts';
import { REDIS, RedisClient } from '@keygate/connections';
import { ReadModels } from '../read-models/read-models.repository';

const REBUILD_PAGE = 2000;

export interface CheckpointEntries {
  /** The envelopes not on the stream yet, in the order given: the ones to XADD. */
  fresh: EventEnvelope[];
  keys: Array<[string, string]>;
  accounts: Array<[string, string]>;
  /** Secret hashes that no key holds any more, and those now held: [hash, key id]. */
  secretsRemoved: string[];
  secretsAdded: Array<[string, string]>;
  /** By account: user keys now active ([score, key id], see activeUserKeyScore), and those no longer. */
  activeUserKeys: Map<string, { added: Array<[string, string]>; removed: string[] }>;
}

/**
 * The projection checkpoint's writer (see checkpointKeys): the records a batch of events
 * produces, folded from the checkpoint's current records by the same fold the gateways use; a
 * record the checkpoint cannot fold (a gap) is taken from the read models, which the relay has
 * already brought up to date. `rebuild` writes it afresh from the read models.
 */
@Injectable()
export class ProjectionCheckpoint {
  private readonly logger = new Logger(ProjectionCheckpoint.name);
  private readonly names: ReturnType<typeof checkpointKeys>;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(KEYGATE_CONFIG) private readonly config: KeyServiceConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModels: ReadModels,
  ) {
    this.names = checkpointKeys(config.eventStream);
  }

  get keys(): ReturnType<typeof checkpointKeys> {
    return this.names;
  }

  /**
   * What publishing these envelopes means for the checkpoint, from one read of it: the events it
   * has not folded in yet (`fresh`: it is written in the same step as the XADD, so an event at
   * or below its stream's checkpoint version is on the stream already, and an outbox entry
   * published once more adds nothing), and the records, secrets and active user keys they make.
   */
  async entriesFor(envelopes: EventEnvelope[]): Promise<CheckpointEntries> {
    const keyIds = idsOf(envelopes, KEY_STREAM_PREFIX);
    const accountIds = idsOf(envelopes, ACCOUNT_STREAM_PREFIX);
    const [storedKeys, storedAccounts] = await Promise.all([
      keyIds.length ? this.redis.hmget(this.names.keys, ...keyIds) : [],
      accountIds.length ? this.redis.hmget(this.names.accounts, ...accountIds) : [],
    ]);
    const keys = new Map<string, { version: number; record: KeyRecord | null }>();
    const before = new Map<string, KeyRecord | null>();
    keyIds.forEach((id, i) => {
      if (storedKeys[i] === null) return;
      const entry = decodeKeyEntry(id, storedKeys[i] as string);
      keys.set(id, entry);
      before.set(id, entry.record);
    });
    const accounts = new Map<string, AccountRecord>();
    accountIds.forEach((id, i) => {
      if (storedAccounts[i] !== null)
        accounts.set(id, decodeAccountEntry(id, storedAccounts[i] as string));
    });
    const storedVersion = (streamId: string) =>
      streamId.startsWith(KEY_STREAM_PREFIX)
        ? keys.get(streamId.slice(KEY_STREAM_PREFIX.length))?.version
        : accounts.get(streamId.slice(ACCOUNT_STREAM_PREFIX.length))?.version;
    const fresh = envelopes.filter((event) => event.version > (storedVersion(event.streamId) ?? 0));
    // Only what the fresh events touch is written back.
    const freshKeyIds = new Set(idsOf(fresh, KEY_STREAM_PREFIX));
    const freshAccountIds = new Set(idsOf(fresh, ACCOUNT_STREAM_PREFIX));
    for (const id of keys.keys()) if (!freshKeyIds.has(id)) keys.delete(id);
    for (const id of accounts.keys()) if (!freshAccountIds.has(id)) accounts.delete(id);

    const gaps = new Set<string>();
    const accountGaps = new Set<string>();
    for (const event of fresh) {
      if (event.streamId.startsWith(KEY_STREAM_PREFIX)) {
        const id = event.streamId.slice(KEY_STREAM_PREFIX.length);
        if (gaps.has(id)) continue;
        const current = keys.get(id);
        const folded = foldKeyEvent(
          current?.record ?? undefined,
          event,
          current && !current.record ? current.version : 0,
        );
        if (folded.outcome === 'applied')
          keys.set(id, { version: event.version, record: folded.record });
        else if (folded.outcome === 'gap') gaps.add(id);
      } else if (event.streamId.startsWith(ACCOUNT_STREAM_PREFIX)) {
        const id = event.streamId.slice(ACCOUNT_STREAM_PREFIX.length);
        const folded = foldAccountEvent(accounts.get(id), event, id);
        if (folded.outcome === 'applied' && folded.record) accounts.set(id, folded.record);
        else if (folded.outcome === 'gap') accountGaps.add(id);
      }
    }
    if (gaps.size > 0) {
      for (const { record, deleted } of await this.readModels.keyRecordsWithDeleted(
        [...gaps],
        this.clock.now(),
      ))
        keys.set(record.id, { version: record.version, record: deleted ? null : record });
    }
    for (const id of accountGaps) {
      const view = await this.readModels.findAccount(id);
      if (view) accounts.set(id, { id, name: view.name, plan: view.plan, version: view.version });
    }
    const secretsRemoved: string[] = [];
    const secretsAdded: Array<[string, string]> = [];
    const activeUserKeys: CheckpointEntries['activeUserKeys'] = new Map();
    for (const [id, entry] of keys) {
      const accountId = entry.record?.accountId ?? before.get(id)?.accountId;
      if (accountId) {
        const change = activeUserKeys.get(accountId) ?? { added: [], removed: [] };
        const score = activeUserKeyScore(entry.record);
        if (score === null) change.removed.push(id);
        else change.added.push([score, id]);
        activeUserKeys.set(accountId, change);
      }
      const was = secretHashesOf(before.get(id));
      const now = secretHashesOf(entry.record);
      secretsRemoved.push(...was.filter((hash) => !now.includes(hash)));
      secretsAdded.push(
        ...now.filter((hash) => !was.includes(hash)).map((hash): [string, string] => [hash, id]),
      );
    }
    return {
      keys: [...keys].map(([id, entry]) => [id, encodeKeyEntry(entry.version, entry.record)]),
      accounts: [...accounts].map(([id, record]) => [id, encodeAccountEntry(record)]),
      fresh,
      secretsRemoved,
      secretsAdded,
      activeUserKeys,
    };
  }

  /**
   * The account and how many user keys it has active at `now`, as published; null when the
   * checkpoint is missing (Redis lost its data), for the caller to ask the read models.
   */
  async accountWithActiveUserKeys(
    accountId: string,
    now: Date,
  ): Promise<{ account: AccountRecord | null; activeUserKeys: number } | null> {
    const replies = await this.redis
      .multi()
      .exists(this.names.position)
      .hget(this.names.accounts, accountId)
      .zcount(activeUserKeysKey(this.config.eventStream, accountId), `(${now.getTime()}`, '+inf')
      .exec();
    if (!replies) return null;
    for (const [error] of replies) if (error) throw error;
    const [[, exists], [, entry], [, count]] = replies as Array<[null, unknown]>;
    if (exists !== 1) return null;
    return {
      account: entry ? decodeAccountEntry(accountId, entry as string) : null,
      activeUserKeys: count as number,
    };
  }

  /**
   * Writes the checkpoint afresh from the read models, at `position` (the stream's last entry:
   * the caller holds the outbox lock, so everything published is in the read models). The
   * position goes last: until it is there, gateways wait rather than load a partial checkpoint.
   */
  async rebuild(position: string): Promise<{ keys: number; accounts: number }> {
    const started = Date.now();
    await this.redis.del(
      this.names.position,
      this.names.keys,
      this.names.accounts,
      this.names.secrets,
    );
    const accounts = await this.readModels.allAccountRecords();
    for (let i = 0; i < accounts.length; i += REBUILD_PAGE)
      await this.redis.del(
        ...accounts
          .slice(i, i + REBUILD_PAGE)
          .map((account) => activeUserKeysKey(this.config.eventStream, account.id)),
      );
    let keyCount = 0;
    for await (const page of this.readModels.keyRecordPages(this.clock.now(), REBUILD_PAGE)) {
      const flat = page.flatMap(({ record, deleted }) => [
        record.id,
        encodeKeyEntry(record.version, deleted ? null : record),
      ]);
      await this.redis.hset(this.names.keys, ...flat);
      const secrets = page
        .filter(({ deleted }) => !deleted)
        .flatMap(({ record }) => secretHashesOf(record).flatMap((hash) => [hash, record.id]));
      if (secrets.length > 0) await this.redis.hset(this.names.secrets, ...secrets);
      const active = this.redis.pipeline();
      for (const { record, deleted } of page) {
        const score = deleted ? null : activeUserKeyScore(record);
        if (score !== null)
          active.zadd(
            activeUserKeysKey(this.config.eventStream, record.accountId),
            score,
            record.id,
          );
      }
      await active.exec();
      keyCount += page.length;
    }
    for (let i = 0; i < accounts.length; i += REBUILD_PAGE) {
      const flat = accounts
        .slice(i, i + REBUILD_PAGE)
        .flatMap((account) => [account.id, encodeAccountEntry(account)]);
      await this.redis.hset(this.names.accounts, ...flat);
    }
    await this.redis.set(this.names.position, position);
    this.logger.log(
      `projection checkpoint rebuilt: ${keyCount} keys, ${accounts.length} accounts at ${position} in ${Date.now() - started} ms`,
    );
    return { keys: keyCount, accounts: accounts.length };
  }

  /** Which of these secret hashes some key holds already (one HMGET per thousand). */
  async takenSecretHashes(hashes: string[]): Promise<Set<string>> {
    const taken = new Set<string>();
    for (let start = 0; start < hashes.length; start += 1000) {
      const chunk = hashes.slice(start, start + 1000);
      const owners = await this.redis.hmget(this.names.secrets, ...chunk);
      owners.forEach((owner, i) => owner !== null && taken.add(chunk[i]));
    }
    return taken;
  }

  /** The key holding each secret hash, or null (one HMGET per thousand). */
  async keyIdsOfSecretHashes(hashes: string[]): Promise<Array<string | null>> {
    const owners: Array<string | null> = [];
    for (let start = 0; start < hashes.length; start += 1000)
      owners.push(
        ...(await this.redis.hmget(this.names.secrets, ...hashes.slice(start, start + 1000))),
      );
    return owners;
  }

  async exists(): Promise<boolean> {
    return (await this.redis.exists(this.names.position)) === 1;
  }
}

function idsOf(envelopes: EventEnvelope[], prefix: string): string[] {
  const ids = new Set<string>();
  for (const event of envelopes)
    if (event.streamId.startsWith(prefix)) ids.add(event.streamId.slice(prefix.length));
  return [...ids];
}
