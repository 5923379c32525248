/**
 * One atomic step: XADD the events, then write the checkpoint records they produce (each only
 * over an older version) and the position of the last entry. All keys share the stream's hash
 * slot (checkpointKeys). Refuses with NOCHECKPOINT when the checkpoint is missing (Redis lost its
 * data): writing a few records into an empty checkpoint would let a gateway load a partial one.
 * KEYS: 1 stream, 2 checkpoint keys, 3 checkpoint accounts, 4 checkpoint position,
 *       5 checkpoint secrets (secret hash -> key id), 6... the active user keys of each account
 *       touched (activeUserKeysKey)
 * ARGV: 1 stream max length, 2 entry field, 3 n, 4..3+n envelopes (JSON),
 *       then k, k pairs (key id, entry), then a, a pairs (account id, entry),
 *       then r, r secret hashes no key holds any more, then s, s pairs (secret hash, key id),
 *       then for each KEYS[6...]: z, z pairs (score, key id) to add, then m, m key ids to remove
 * Returns the id of the last entry added.
 */
export const CHECKPOINTED_PUBLISH_LUA = `
if redis.call('EXISTS', KEYS[4]) == 0 then return redis.error_reply('NOCHECKPOINT') end
local n = tonumber(ARGV[3])
local last = nil
for i = 1, n do
  last = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', ARGV[2], ARGV[3 + i])
end
local function versionOf(entry) return tonumber(string.match(entry, '^(%d+)|')) end
local function putNewer(hash, id, entry)
  local old = redis.call('HGET', hash, id)
  if old and versionOf(old) >= versionOf(entry) then return end
  redis.call('HSET', hash, id, entry)
end
local at = 4 + n
for _, hash in ipairs({KEYS[2], KEYS[3]}) do
  local count = tonumber(ARGV[at])
  at = at + 1
  for i = 1, count do
    putNewer(hash, ARGV[at], ARGV[at + 1])
    at = at + 2
  end
end
local removed = tonumber(ARGV[at])
at = at + 1
for i = 1, removed do
  redis.call('HDEL', KEYS[5], ARGV[at])
  at = at + 1
end
local added = tonumber(ARGV[at])
at = at + 1
for i = 1, added do
  redis.call('HSET', KEYS[5], ARGV[at], ARGV[at + 1])
  at = at + 2
end
for z = 6, #KEYS do
  local adds = tonumber(ARGV[at])
  at = at + 1
  for i = 1, adds do
    redis.call('ZADD', KEYS[z], ARGV[at], ARGV[at + 1])
    at = at + 2
  end
  local removes = tonumber(ARGV[at])
  at = at + 1
  for i = 1, removes do
    redis.call('ZREM', KEYS[z], ARGV[at])
    at = at + 1
  end
end
if last then redis.call('SET', KEYS[4], last) end
return last
`;
