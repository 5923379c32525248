import { RedisClient, scanKeys } from '@keygate/connections';
import { LedgerKeyKind, LedgerKeyspace } from './ledger-keyspace';

/**
 * Merges one account's keys of one keyspace into another, atomically, then drops the old ones.
 * KEYS: pairs (old key, new key), then the account's meta in the new keyspace and in the old
 * ARGV: how each pair merges: `counts` (add day counts), `expiring` (add counts, and keep the
 *       longer time to live), `latest` (keep the later time), `markers` (keep every step id, and
 *       the longer time to live)
 * The running totals (meta) are not merged but dropped: the next admission sums the merged days
 * afresh, and readers sum the days until it has.
 */
const MERGE_LUA = `
local n = #ARGV
for i = 1, n do
  local from, to, how = KEYS[2 * i - 1], KEYS[2 * i], ARGV[i]
  local fields = redis.call('HGETALL', from)
  for j = 1, #fields, 2 do
    local field, value = fields[j], fields[j + 1]
    if how == 'counts' or how == 'expiring' then
      redis.call('HINCRBY', to, field, value)
    elseif how == 'latest' then
      if tonumber(value) > (tonumber(redis.call('HGET', to, field)) or 0) then
        redis.call('HSET', to, field, value)
      end
    else
      redis.call('HSETNX', to, field, value)
    end
  end
  if how == 'markers' or how == 'expiring' then
    local ttl = redis.call('PTTL', from)
    if ttl > 0 and ttl > redis.call('PTTL', to) then redis.call('PEXPIRE', to, ttl) end
  end
  redis.call('DEL', from)
end
redis.call('DEL', KEYS[2 * n + 1], KEYS[2 * n + 2])
return n
`;

const MERGE_BY_KIND: Record<LedgerKeyKind, 'counts' | 'expiring' | 'latest' | 'markers' | null> = {
  days: 'counts',
  'key-days': 'counts',
  uses: 'expiring',
  'last-used': 'latest',
  steps: 'markers',
  meta: null,
};

export interface LedgerMergeReport {
  accounts: number;
  keys: number;
  /** Accounts with old keys that `owns` did not claim: another deployment's, left as they are. */
  foreignAccounts: number;
}

type MergingRedis = RedisClient & {
  keygateMergeLedger(numberOfKeys: number, ...keysAndArgs: string[]): Promise<number>;
};

/**
 * Carries a ledger written under one namespace (the `kg` of versions before 0.2) into another:
 * every account's day counts added, last uses and step markers kept, so no call is lost or counted
 * twice, and a replay of a step that ran before the move still counts nothing. Only the accounts
 * `owns` claims move: deployments that shared one Redis also shared the old keyspace. Safe to run
 * while gateways of either version admit calls, and from several processes at once: each
 * account's merge is one script, and a key merged is gone.
 */
export async function mergeLegacyLedger(
  redis: RedisClient,
  from: LedgerKeyspace,
  to: LedgerKeyspace,
  owns: (accountIds: string[]) => Promise<Set<string>>,
): Promise<LedgerMergeReport> {
  // An account's keys may come in several SCAN pages: each page's are merged as they come.
  const merged = new Set<string>();
  const foreign = new Set<string>();
  let keys = 0;
  const report = () => ({ accounts: merged.size, keys, foreignAccounts: foreign.size });
  if (from.namespace === to.namespace) return report();
  if (!('keygateMergeLedger' in redis))
    redis.defineCommand('keygateMergeLedger', { lua: MERGE_LUA });
  const merging = redis as MergingRedis;
  for await (const names of scanKeys(redis, from.everyKey, 1000)) {
    const byAccount = new Map<string, Array<{ name: string; kind: LedgerKeyKind }>>();
    for (const name of names) {
      const parsed = from.parse(name);
      if (!parsed) continue;
      const found = byAccount.get(parsed.accountId) ?? [];
      found.push({ name, kind: parsed.kind });
      byAccount.set(parsed.accountId, found);
    }
    const owned = await owns([...byAccount.keys()]);
    for (const [accountId, found] of byAccount) {
      if (!owned.has(accountId)) {
        foreign.add(accountId);
        continue;
      }
      const pairs: string[] = [];
      const how: string[] = [];
      for (const { name, kind } of found) {
        const merge = MERGE_BY_KIND[kind];
        if (!merge) continue;
        pairs.push(name, to.namespace + name.slice(from.namespace.length));
        how.push(merge);
      }
      pairs.push(to.keysOf(accountId).meta, from.keysOf(accountId).meta);
      await merging.keygateMergeLedger(pairs.length, ...pairs, ...how);
      merged.add(accountId);
      keys += found.length;
    }
  }
  return report();
}
