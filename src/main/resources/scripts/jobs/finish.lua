-- Ends one attempt of a leased job: completed, retried (now or after a delay) or failed.
-- KEYS[1..10] the queue's fixed keys (common.lua), [11] the job's hash, [12] its log. Keys of jobs trimmed
--   from a finished set are derived (their ids come from the set); they are read before they are deleted.
-- ARGV[1] key prefix P, [2] job id, [3] lease token, [4] 'completed' or 'failed',
--      [5] the result (JSON) or the failure reason, [6] retry delay ms (-1 = do not retry)
-- Returns 1 completed, 2 retrying, 3 failed, -1 when the lease was lost (the job is someone else's now).
local P, id, token, outcome = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local key, logs = KEYS[11], KEYS[12]
if redis.call('HGET', key, 'token') ~= token then
  return -1
end
local now = nowMs()
redis.call('ZREM', Q.active, id)
redis.call('HDEL', key, 'token')
local made = redis.call('HINCRBY', key, 'attemptsMade', 1)
local owner = redis.call('HGET', key, 'owner')

if outcome == 'completed' then
  redis.call('HSET', key, 'returnvalue', ARGV[5], 'progress', 100)
  finish(P, id, 'completed', now, key, logs)
  emit(P, 'completed', id, { owner = owner, attemptsMade = made })
  return 1
end

redis.call('HSET', key, 'failedReason', ARGV[5])
local delay = tonumber(ARGV[6])
if delay >= 0 and made < tonumber(redis.call('HGET', key, 'attempts')) then
  if delay > 0 then
    redis.call('ZADD', Q.delayed, now + delay, id)
    redis.call('HSET', key, 'state', 'delayed')
  else
    enqueue(key, id, tonumber(redis.call('HGET', key, 'priority')) or 0)
  end
  emit(P, 'retrying', id, { owner = owner, attemptsMade = made, delay = delay })
  return 2
end
finish(P, id, 'failed', now, key, logs)
emit(P, 'failed', id, { owner = owner, attemptsMade = made, failedReason = ARGV[5] })
return 3
