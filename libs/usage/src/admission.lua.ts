import { DAYS_KEPT_PAST_WINDOW } from './rolling-window';

/**
 * How long Redis remembers that a step ran (or was replayed), in buckets per minute: a gateway
 * that lost a step's reply replays it within this time or not at all.
 */
export const STEP_MARKER_SECONDS = 900;

/**
 * One atomic admission step for n calls of one account (a gateway batches the calls that arrive
 * together), all on the account's hash tag. The calls are taken in order: the first `room` are
 * admitted, the rest refused, so a batch admits exactly what n single steps would.
 * KEYS: 1 account day counts, 2 account meta (total, floor, first), 3 last-used,
 *       4 the step's marker bucket, 5.. day counts of each distinct key in the batch
 * ARGV: 1 today (UTC day index), 2 limit, 3 now (ms), 4 step id, 5 m (distinct keys),
 *       6..5+m their ids, then for each call the 1-based index of its key
 * Returns {admitted count k, used after the batch, first day with calls in the window or -1,
 *          day at whose start one more call fits (when some were refused) or -1}.
 *
 * `total` is a running sum of the days in [floor, today]. When the window slides, the days that
 * left are subtracted once (or, after a long silence, the window is summed afresh), so a batch
 * costs O(distinct keys) amortised however long the window. Day counts are kept
 * DAYS_KEPT_PAST_WINDOW days past the window for the daily rollup, then deleted as it moves.
 */
export const ADMIT_LUA = `
local today = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local m = tonumber(ARGV[5])
local n = #ARGV - 5 - m
local start = today - 29
local meta = redis.call('HMGET', KEYS[2], 'total', 'floor', 'first')
local total = tonumber(meta[1]) or 0
local floor = tonumber(meta[2]) or (start - 30)
local first = tonumber(meta[3])

if floor < start then
  if start - floor >= 30 then
    total = 0
    for d = start, today do total = total + (tonumber(redis.call('HGET', KEYS[1], d)) or 0) end
  else
    for d = floor, start - 1 do total = total - (tonumber(redis.call('HGET', KEYS[1], d)) or 0) end
  end
  local dropFrom = math.max(floor - ${DAYS_KEPT_PAST_WINDOW}, start - ${60 + DAYS_KEPT_PAST_WINDOW})
  for d = dropFrom, start - ${DAYS_KEPT_PAST_WINDOW + 1} do redis.call('HDEL', KEYS[1], d) end
  floor = start
  first = nil
end
if first == nil or first < start then
  first = nil
  if total > 0 then
    for d = start, today do
      if (tonumber(redis.call('HGET', KEYS[1], d)) or 0) > 0 then first = d break end
    end
  end
end

local k = math.max(0, math.min(n, limit - total))
if k > 0 then
  redis.call('HINCRBY', KEYS[1], today, k)
  total = total + k
  if first == nil then first = today end
  local perKey = {}
  for i = 1, k do
    local j = tonumber(ARGV[5 + m + i])
    perKey[j] = (perKey[j] or 0) + 1
  end
  for j, count in pairs(perKey) do
    redis.call('HINCRBY', KEYS[4 + j], today, count)
    redis.call('HSET', KEYS[3], ARGV[5 + j], ARGV[3])
  end
end
redis.call('HSET', KEYS[2], 'total', total, 'floor', floor, 'first', first or -1)
-- The step ran: a replay of it (after a lost reply) must not count it again.
redis.call('HSET', KEYS[4], ARGV[4], k)
redis.call('EXPIRE', KEYS[4], ${STEP_MARKER_SECONDS})

local roomDay = -1
if k < n then
  local remaining = total
  for ahead = 1, 30 do
    remaining = remaining - (tonumber(redis.call('HGET', KEYS[1], start + ahead - 1)) or 0)
    if remaining < limit then roomDay = today + ahead break end
  end
end
return {k, total, first or -1, roomDay}
`;

/**
 * Adds the calls of one step that a gateway admitted while Redis was unreachable (or whose reply
 * it lost), unless the step already ran or was already replayed: its id is in the marker bucket.
 * KEYS: 1 account day counts, 2 account meta, 3 last-used, 4 the step's marker bucket,
 *       5.. day counts of each key
 * ARGV: 1 day, 2 step id, 3 last used (ms), 4 m (keys), 5..4+m key ids, then their counts
 */
export const REPLAY_LUA = `
if redis.call('HEXISTS', KEYS[4], ARGV[2]) == 1 then return 0 end
redis.call('HSET', KEYS[4], ARGV[2], 'replayed')
redis.call('EXPIRE', KEYS[4], ${STEP_MARKER_SECONDS})
local day = tonumber(ARGV[1])
local m = tonumber(ARGV[4])
local count = 0
for j = 1, m do
  local c = tonumber(ARGV[4 + m + j])
  count = count + c
  redis.call('HINCRBY', KEYS[4 + j], day, c)
  local last = tonumber(redis.call('HGET', KEYS[3], ARGV[4 + j])) or 0
  if tonumber(ARGV[3]) > last then redis.call('HSET', KEYS[3], ARGV[4 + j], ARGV[3]) end
end
redis.call('HINCRBY', KEYS[1], day, count)
local floor = tonumber(redis.call('HGET', KEYS[2], 'floor'))
if floor ~= nil and day >= floor then
  redis.call('HINCRBY', KEYS[2], 'total', count)
  local first = tonumber(redis.call('HGET', KEYS[2], 'first'))
  if first == nil or first < 0 or day < first then redis.call('HSET', KEYS[2], 'first', day) end
end
return 1
`;
