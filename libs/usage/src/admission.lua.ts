import { DAYS_KEPT_PAST_WINDOW } from './rolling-window';

/**
 * How long Redis remembers that a step ran (or was replayed), in buckets per minute: a gateway
 * that lost a step's reply replays it within this time or not at all.
 */
export const STEP_MARKER_SECONDS = 900;

/** Sub-windows a rate limit's window is cut in: a call may be refused early by one of them (ADR 9). */
export const RATE_SUBWINDOWS = 10;

/**
 * What a key's credits stand at now, from its hash and its record (args[a + 1 .. a + 8]: set
 * version, set amount, set period, added since, current refill period, refill mode (0 none,
 * 1 replace, 2 add), refill amount, cap (-1 none)): a newer set, or more added, is applied once,
 * whichever gateway sees it first; refills due since are applied by period. Shared by the
 * admission step and the read of what is left, so both count alike.
 */
const CREDITS_NOW = `
local function creditsNow(key, args, a)
  local setVersion, setAmount, setPeriod = tonumber(args[a + 1]), tonumber(args[a + 2]), tonumber(args[a + 3])
  local added, period = tonumber(args[a + 4]), tonumber(args[a + 5])
  local mode, amount, cap = tonumber(args[a + 6]), tonumber(args[a + 7]), tonumber(args[a + 8])
  local state = redis.call('HMGET', key, 'remaining', 'setVersion', 'added', 'period')
  local c = { remaining = tonumber(state[1]) or 0, set = tonumber(state[2]) or -1,
    added = tonumber(state[3]) or 0, period = tonumber(state[4]) or 0 }
  if setVersion > c.set then
    c.remaining = setAmount + added
    c.set = setVersion
    c.added = added
    c.period = setPeriod
  elseif added > c.added then
    c.remaining = c.remaining + added - c.added
    c.added = added
  end
  if mode > 0 and period > c.period then
    if mode == 1 then
      c.remaining = amount
    else
      local grown = c.remaining + amount * (period - c.period)
      if cap >= 0 then grown = math.max(c.remaining, math.min(grown, cap)) end
      c.remaining = grown
    end
    c.period = period
  end
  return c
end
`;

/** What a key's credits have left now, without spending or storing anything. KEYS: its hash. */
export const CREDITS_LEFT_LUA = `
${CREDITS_NOW}
return creditsNow(KEYS[1], ARGV, 0).remaining
`;

/** What the admission answers for a step id it has counted already (it counts nothing). */
export const STEP_ALREADY_COUNTED = 'STEP_ALREADY_COUNTED';

/**
 * One atomic admission step for n calls of one account (a gateway batches the calls that arrive
 * together), all on the account's hash tag. The calls are taken in arrival order; each is
 * admitted only if the 30-day quota, every rate limit that applies to it (the account's, its
 * key's) and its key's credits have room, and a refused call takes from none of them.
 * KEYS: 1 account day counts, 2 account meta (total, floor, first), 3 last-used,
 *       4 the step's marker bucket, 5..4+m day counts of each distinct key in the batch,
 *       then one hash per rate limit: the account's, then each distinct key's in turn,
 *       then the credits hash of each distinct key that has credits,
 *       then for each distinct key its uses of today by minute and its uses of today
 * ARGV: 1 today (UTC day index), 2 quota, 3 now (ms, the gateway's), 4 step id,
 *       5 m (distinct keys), 6..5+m their ids,
 *       then ra and ra pairs (limit, window ms) for the account,
 *       then for each distinct key rk and rk pairs,
 *       then for each distinct key 0 (unlimited) or 1 and its credits: set version, set amount,
 *       set period, added since, current refill period, refill mode (0 none, 1 replace, 2 add),
 *       refill amount, cap (-1 none),
 *       then when the uses expire (s), the minute of the day, L and L distinct labels
 *       (`resource|action`),
 *       then for each call the 1-based index of its key, then for each call its units (what it
 *       counts: 1 for a forwarded call, a verification's cost; 0 checks and counts nothing),
 *       then for each call the 1-based index of its label (0: not counted by use)
 * Returns {units admitted, used after the step, first day with calls in the window or -1,
 *          day at whose start one more call fits (when the quota refused some) or -1,
 *          Redis's time (ms), then per call 0 admitted / 1 quota / 2 rate limit / 3 credits,
 *          then per rate limit (in KEYS order) ms until one more call fits under it (0: room),
 *          then per key with credits what it has left}; or the error STEP_ALREADY_COUNTED for
 *          a step id that already ran or was replayed (the gateway keeps its buffered count, which
 *          the replay then skips).
 *
 * Every admitted unit is also counted by what it used: per key, minute and label (field
 * `minute|resource|action`) and per key and day (field `resource|action`), in the same step as the
 * ledger's day counts, so the two always agree.
 *
 * `total` is a running sum of the days in [floor, today]. When the window slides, the days that
 * left are subtracted once (or, after a long silence, the window is summed afresh), so a batch
 * costs O(distinct keys) amortised however long the window. Day counts are kept
 * DAYS_KEPT_PAST_WINDOW days past the window for the daily rollup, then deleted as it moves.
 *
 * A rate limit {limit, window W} counts on Redis's clock, one clock for every gateway, in
 * sub-windows of W/RATE_SUBWINDOWS: every sub-window that overlaps (now - W, now] counts whole,
 * so no interval of W ever holds more than `limit` admitted calls, and a call is refused early
 * by at most one sub-window.
 */
export const ADMIT_LUA = `
${CREDITS_NOW}
-- A step that ran, or was replayed, counts nothing again: a client may send it twice (a Redis
-- Cluster client re-sends a command whose connection closed, and the step may have run).
if redis.call('HEXISTS', KEYS[4], ARGV[4]) == 1 then
  return redis.error_reply('${STEP_ALREADY_COUNTED} ' .. ARGV[4])
end
local today = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local m = tonumber(ARGV[5])
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

-- The rate limits: each one's sub-window counts overlapping (now - W, now], on Redis's clock.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local limits = {}
local cursor = 5 + m
local function readLimits()
  local count = tonumber(ARGV[cursor + 1])
  local mine = {}
  for i = 1, count do
    local windowMs = tonumber(ARGV[cursor + 2 * i + 1])
    local sub = windowMs / ${RATE_SUBWINDOWS}
    local current = math.floor(now / sub)
    local fields = {}
    for f = 0, ${RATE_SUBWINDOWS} do fields[f + 1] = current - ${RATE_SUBWINDOWS} + f end
    local counts = redis.call('HMGET', KEYS[4 + m + #limits + 1], unpack(fields))
    local used = 0
    for f = 1, #counts do
      counts[f] = tonumber(counts[f]) or 0
      used = used + counts[f]
    end
    limits[#limits + 1] = { limit = tonumber(ARGV[cursor + 2 * i]), windowMs = windowMs,
      sub = sub, current = current, counts = counts, used = used, added = 0 }
    mine[#mine + 1] = #limits
  end
  cursor = cursor + 1 + 2 * count
  return mine
end
local accountLimits = readLimits()
local keyLimits = {}
for j = 1, m do keyLimits[j] = readLimits() end

-- Credits: a key's record says its operator's last set (version, amount, period) and what was
-- added since; Redis says what is left and which set and adds it has applied (CREDITS_NOW).
local credits = {}
local creditKeys = {}
for j = 1, m do
  if tonumber(ARGV[cursor + 1]) == 1 then
    local key = KEYS[4 + m + #limits + #creditKeys + 1]
    creditKeys[#creditKeys + 1] = j
    credits[j] = creditsNow(key, ARGV, cursor + 1)
    credits[j].key = key
    credits[j].spent = 0
    cursor = cursor + 9
  else
    cursor = cursor + 1
  end
end
-- What each admitted call used (resource|action), counted per key and minute and per key and day.
local usesExpireAt = ARGV[cursor + 1]
local minute = ARGV[cursor + 2]
local labelCount = tonumber(ARGV[cursor + 3])
local labels = {}
for i = 1, labelCount do labels[i] = ARGV[cursor + 3 + i] end
cursor = cursor + 3 + labelCount
local n = (#ARGV - cursor) / 3

-- Room for units more: a check of 0 units asks whether one more call would pass.
local function hasRoom(list, units)
  for _, l in ipairs(list) do
    if limits[l].used + limits[l].added + math.max(units, 1) > limits[l].limit then return false end
  end
  return true
end

local room = math.max(0, limit - total)
local k = 0
local quotaRefused = false
local codes = {}
local perKey = {}
local uses = {}
for i = 1, n do
  local j = tonumber(ARGV[cursor + i])
  local units = tonumber(ARGV[cursor + n + i])
  local label = tonumber(ARGV[cursor + 2 * n + i])
  if k + math.max(units, 1) > room then
    codes[i] = 1
    quotaRefused = true
  elseif not (hasRoom(accountLimits, units) and hasRoom(keyLimits[j], units)) then
    codes[i] = 2
  elseif credits[j] and credits[j].remaining - credits[j].spent < math.max(units, 1) then
    codes[i] = 3
  else
    codes[i] = 0
    k = k + units
    perKey[j] = (perKey[j] or 0) + units
    if units > 0 and label > 0 then
      uses[j] = uses[j] or {}
      uses[j][label] = (uses[j][label] or 0) + units
    end
    if credits[j] then credits[j].spent = credits[j].spent + units end
    for _, l in ipairs(accountLimits) do limits[l].added = limits[l].added + units end
    for _, l in ipairs(keyLimits[j]) do limits[l].added = limits[l].added + units end
  end
end

if k > 0 then
  redis.call('HINCRBY', KEYS[1], today, k)
  total = total + k
  if first == nil then first = today end
  for j, count in pairs(perKey) do
    if count > 0 then
      redis.call('HINCRBY', KEYS[4 + j], today, count)
      redis.call('HSET', KEYS[3], ARGV[5 + j], ARGV[3])
    end
  end
  local usesBase = 4 + m + #limits + #creditKeys
  for j, byLabel in pairs(uses) do
    local minuteKey, dayKey = KEYS[usesBase + 2 * j - 1], KEYS[usesBase + 2 * j]
    for label, count in pairs(byLabel) do
      -- A field's first count sets its hash's expiry (the day's end plus the retention): every
      -- hash gets it when made, and a busy key's steps skip it after.
      if redis.call('HINCRBY', minuteKey, minute .. '|' .. labels[label], count) == count then
        redis.call('EXPIREAT', minuteKey, usesExpireAt)
      end
      if redis.call('HINCRBY', dayKey, labels[label], count) == count then
        redis.call('EXPIREAT', dayKey, usesExpireAt)
      end
    end
  end
end
redis.call('HSET', KEYS[2], 'total', total, 'floor', floor, 'first', first or -1)
-- The step ran: a replay of it (after a lost reply) must not count it again.
redis.call('HSET', KEYS[4], ARGV[4], k)
redis.call('EXPIRE', KEYS[4], ${STEP_MARKER_SECONDS})

local result = {k, total, 0, 0, now}
local roomDay = -1
if quotaRefused then
  local remaining = total
  for ahead = 1, 30 do
    remaining = remaining - (tonumber(redis.call('HGET', KEYS[1], start + ahead - 1)) or 0)
    if remaining < limit then roomDay = today + ahead break end
  end
end
result[3] = first or -1
result[4] = roomDay
for i = 1, n do result[5 + i] = codes[i] end

for index, l in ipairs(limits) do
  local key = KEYS[4 + m + index]
  if l.added > 0 then
    redis.call('HINCRBY', key, l.current, l.added)
    redis.call('PEXPIRE', key, l.windowMs + l.sub)
    l.counts[#l.counts] = l.counts[#l.counts] + l.added
    -- Sub-windows that no longer count: dropped (rarely more than one is there).
    if redis.call('HLEN', key) > ${RATE_SUBWINDOWS + 2} then
      for _, field in ipairs(redis.call('HKEYS', key)) do
        if tonumber(field) < l.current - ${RATE_SUBWINDOWS} then redis.call('HDEL', key, field) end
      end
    end
  end
  -- When one more call fits: once enough of the oldest sub-windows have left the window.
  local wait = 0
  local count = l.used + l.added
  if count >= l.limit then
    for f = 1, #l.counts do
      count = count - l.counts[f]
      if count < l.limit then
        wait = math.max(1, (l.current - ${RATE_SUBWINDOWS} + f) * l.sub + l.windowMs - now)
        break
      end
    end
  end
  result[5 + n + index] = wait
end
for index, j in ipairs(creditKeys) do
  local c = credits[j]
  redis.call('HSET', c.key, 'remaining', c.remaining - c.spent, 'setVersion', c.set,
    'added', c.added, 'period', c.period)
  result[5 + n + #limits + index] = c.remaining - c.spent
end
return result
`;

/**
 * Adds the calls of one step that a gateway admitted while Redis was unreachable (or whose reply
 * it lost), unless the step already ran or was already replayed: its id is in the marker bucket.
 * KEYS: 1 account day counts, 2 account meta, 3 last-used, 4 the step's marker bucket,
 *       5..4+m day counts of each key, then for each key its uses of the day by minute and in all
 * ARGV: 1 day, 2 step id, 3 last used (ms), 4 m (keys), 5..4+m key ids, then their counts,
 *       then when the uses expire (s), then for each key f and f pairs (`minute|resource|action`,
 *       units)
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
local cursor = 5 + 2 * m
for j = 1, m do
  local f = tonumber(ARGV[cursor + 1])
  for i = 1, f do
    local field, units = ARGV[cursor + 2 * i], tonumber(ARGV[cursor + 2 * i + 1])
    redis.call('HINCRBY', KEYS[4 + m + 2 * j - 1], field, units)
    redis.call('HINCRBY', KEYS[4 + m + 2 * j], string.match(field, '^[^|]*|(.*)$'), units)
  end
  if f > 0 then
    redis.call('EXPIREAT', KEYS[4 + m + 2 * j - 1], ARGV[5 + 2 * m])
    redis.call('EXPIREAT', KEYS[4 + m + 2 * j], ARGV[5 + 2 * m])
  end
  cursor = cursor + 1 + 2 * f
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
