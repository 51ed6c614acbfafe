-- Adds jobs; a job whose id exists already is left as it is (dedupe by jobId).
-- KEYS[1..10] the queue's fixed keys (common.lua), then the hash key of each job that has a custom id, in
--   the order of the jobs. A generated id is known only after INCR, so its hash key is derived: it is new,
--   and INCR (a skipped number at worst) is the only write before it.
-- ARGV[1] key prefix P, then 14 fields per job:
--   id ('' = next number), name, data, delay ms, priority, attempts, backoff type, backoff delay ms,
--   backoff jitter, owner ('' = none), keep completed count, keep completed age ms, keep failed count,
--   keep failed age ms
-- Returns id1, created1 (1/0), id2, created2, ...
local P = ARGV[1]
local now = nowMs()
local out = {}
local declared = 11
local i = 2
while i <= #ARGV do
  local id = ARGV[i]
  local created = 0
  local key
  if id == '' then
    id = tostring(redis.call('INCR', Q.id))
    key = jobKey(P, id)
  else
    key = KEYS[declared]
    declared = declared + 1
  end
  if redis.call('EXISTS', key) == 0 then
    local delay, priority = tonumber(ARGV[i + 3]), tonumber(ARGV[i + 4])
    redis.call('HSET', key, 'name', ARGV[i + 1], 'data', ARGV[i + 2], 'ts', now, 'delay', delay,
      'priority', priority, 'attempts', ARGV[i + 5], 'backoffType', ARGV[i + 6], 'backoffDelay', ARGV[i + 7],
      'backoffJitter', ARGV[i + 8], 'owner', ARGV[i + 9], 'keepCount', ARGV[i + 10], 'keepAge', ARGV[i + 11],
      'failCount', ARGV[i + 12], 'failAge', ARGV[i + 13], 'attemptsMade', 0, 'stalledCount', 0, 'progress', 0)
    if delay > 0 then
      redis.call('ZADD', Q.delayed, now + delay, id)
      redis.call('HSET', key, 'state', 'delayed')
    else
      enqueue(key, id, priority)
    end
    created = 1
  end
  out[#out + 1] = id
  out[#out + 1] = created
  i = i + 14
end
emit(P, 'added', out[1])
return out
