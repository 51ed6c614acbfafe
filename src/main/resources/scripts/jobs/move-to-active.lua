-- Promotes due delayed jobs, then takes up to N jobs (waiting first, then by priority) and leases them.
-- KEYS[1..10] the queue's fixed keys (common.lua). The jobs' keys are derived: their ids come from delayed,
--   wait and prioritized. Everything that can fail is read before the first write: each due job's hash, the
--   paused flag, the limiter, and the hash of every job the loop below can pop (the last N of wait and the
--   first N of prioritized; a promoted job was read as a due one). A due job is never removed from delayed
--   without reaching wait or prioritized.
-- ARGV[1] key prefix P, [2] the worker's id, [3] lease ms, [4] most jobs to take,
--      [5] limiter max jobs per window (0 = no limiter), [6] limiter window ms
-- Each lease gets a token of its own: <worker id>:<the job's lease count>. A token belongs to one attempt,
-- so an attempt that lost its lease (paused past it) is refused even when the same worker leased the job
-- again; with one token per worker both attempts held a valid token.
-- Returns {n, id, name, data, attemptsMade, attempts, backoffType, backoffDelay, backoffJitter, ts, owner,
--   token, ...}
--   for n jobs taken; {0, ms until the next delayed job or -1}; {-1} when paused;
--   {-2, ms until the limiter window ends} when the limit is reached.
local P = ARGV[1]
local worker, lease, max = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local limit, window = tonumber(ARGV[5]), tonumber(ARGV[6])
local now = nowMs()

-- Reads.
local due = redis.call('ZRANGEBYSCORE', Q.delayed, '-inf', now, 'LIMIT', 0, 1000)
local duePriority = {}
for j, id in ipairs(due) do
  duePriority[j] = tonumber(redis.call('HGET', jobKey(P, id), 'priority')) or 0
end
local paused = redis.call('HEXISTS', Q.meta, 'paused') == 1
local used, ttl = 0, 0
if limit > 0 then
  used = tonumber(redis.call('GET', Q.limiter) or '0')
  ttl = redis.call('PTTL', Q.limiter)
end
if max > 0 and not paused then
  for _, id in ipairs(redis.call('LRANGE', Q.wait, -max, -1)) do
    redis.call('EXISTS', jobKey(P, id))
  end
  for _, id in ipairs(redis.call('ZRANGE', Q.prioritized, 0, max - 1)) do
    redis.call('EXISTS', jobKey(P, id))
  end
end

-- Writes.
for j, id in ipairs(due) do
  redis.call('ZREM', Q.delayed, id)
  enqueue(jobKey(P, id), id, duePriority[j])
end

if paused then
  return { -1 }
end

if limit > 0 then
  if used >= limit then
    if ttl > 0 then
      return { -2, ttl }
    end
    used = 0
    redis.call('DEL', Q.limiter)
  end
  max = math.min(max, limit - used)
end

local out = { 0 }
local n = 0
while n < max do
  local id = redis.call('RPOP', Q.wait)
  if not id then
    local top = redis.call('ZPOPMIN', Q.prioritized)
    if #top == 0 then break end
    id = top[1]
  end
  local key = jobKey(P, id)
  -- A removed job leaves its id behind in no structure but may race with RPOP; skip ids without a hash.
  if redis.call('EXISTS', key) == 1 then
    local token = worker .. ':' .. redis.call('HINCRBY', key, 'leases', 1)
    redis.call('ZADD', Q.active, now + lease, id)
    redis.call('HSET', key, 'state', 'active', 'token', token, 'processedOn', now)
    local f = redis.call('HMGET', key, 'name', 'data', 'attemptsMade', 'attempts', 'backoffType', 'backoffDelay',
      'backoffJitter', 'ts', 'owner')
    out[#out + 1] = id
    for j = 1, 9 do out[#out + 1] = f[j] or '' end
    out[#out + 1] = token
    n = n + 1
  end
end

if n > 0 then
  if limit > 0 and redis.call('INCRBY', Q.limiter, n) == n then
    redis.call('PEXPIRE', Q.limiter, window)
  end
  out[1] = n
  return out
end
local next = redis.call('ZRANGE', Q.delayed, 0, 0, 'WITHSCORES')
if #next == 0 then
  return { 0, -1 }
end
return { 0, math.max(0, tonumber(next[2]) - now) }
