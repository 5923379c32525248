// The webhook delivery queue's steps, each atomic. Every key shares the `{webhooks}` hash tag
// (one Redis Cluster slot): KEYS[1] is `due` (declared, so a Cluster client routes the step to
// the slot's master), ARGV[1] the prefix `<namespace>:{webhooks}:` of the others.
//   d:<id>             the delivery (JSON)
//   chain:<chain>      a chain's deliveries, `<seq>|<id>` by stream order (score 0, by member)
//   endpoint:<id>      an endpoint's queued deliveries, the same members (the deliveries list)
//   due                chains by when their first delivery may be tried (ms); a chain being
//                      tried is pushed to its lease's end, so no other worker takes it meanwhile

/** ARGV: prefix, id, chain, endpointId, member, json, dueMs (if it is its chain's first). 1 if queued, 0 if it already was. */
export const QUEUE_LUA = `
local p = ARGV[1]
local delivery = p .. 'd:' .. ARGV[2]
if redis.call('EXISTS', delivery) == 1 then return 0 end
redis.call('SET', delivery, ARGV[6])
local chain = p .. 'chain:' .. ARGV[3]
redis.call('ZADD', chain, 0, ARGV[5])
redis.call('ZADD', p .. 'endpoint:' .. ARGV[4], 0, ARGV[5])
if redis.call('ZRANGE', chain, 0, 0)[1] == ARGV[5] then
  redis.call('ZADD', KEYS[1], ARGV[7], ARGV[3])
end
return 1
`;

/**
 * ARGV: prefix, nowMs, leaseUntilMs, count. The first delivery of up to \`count\` due chains, each
 * chain leased until leaseUntilMs (a worker that dies lets it go then).
 */
export const TAKE_LUA = `
local p = ARGV[1]
local chains = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[4]))
local taken = {}
for _, chain in ipairs(chains) do
  local head = redis.call('ZRANGE', p .. 'chain:' .. chain, 0, 0)[1]
  if head then
    local id = string.sub(head, string.find(head, '|', 1, true) + 1)
    local json = redis.call('GET', p .. 'd:' .. id)
    if json then
      redis.call('ZADD', KEYS[1], ARGV[3], chain)
      table.insert(taken, json)
    else
      redis.call('ZREM', p .. 'chain:' .. chain, head)
    end
  else
    redis.call('ZREM', KEYS[1], chain)
  end
end
return taken
`;

/** ARGV: prefix, id, chain, json, nextAttemptMs: the delivery waits for its retry, and its chain with it. */
export const RETRY_LUA = `
local p = ARGV[1]
if redis.call('EXISTS', p .. 'd:' .. ARGV[2]) == 0 then return 0 end
redis.call('SET', p .. 'd:' .. ARGV[2], ARGV[4])
redis.call('ZADD', KEYS[1], ARGV[5], ARGV[3])
return 1
`;

/** ARGV: prefix, id, chain, endpointId, member, nowMs: the delivery leaves; its chain's next is due now. */
export const DONE_LUA = `
local p = ARGV[1]
redis.call('DEL', p .. 'd:' .. ARGV[2])
local chain = p .. 'chain:' .. ARGV[3]
redis.call('ZREM', chain, ARGV[5])
redis.call('ZREM', p .. 'endpoint:' .. ARGV[4], ARGV[5])
if redis.call('ZCARD', chain) > 0 then
  redis.call('ZADD', KEYS[1], ARGV[6], ARGV[3])
else
  redis.call('ZREM', KEYS[1], ARGV[3])
end
return 1
`;
