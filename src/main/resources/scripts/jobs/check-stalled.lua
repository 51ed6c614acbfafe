-- Finds active jobs whose lease lapsed (their worker died): back to waiting, or failed with reason
-- "stalled" once they stalled more than maxStalledCount times.
-- KEYS[1] the queue's meta hash (routing only)
-- ARGV[1] key prefix P, [2] maxStalledCount
-- Returns {requeued, failed}
local P, maxStalled = ARGV[1], tonumber(ARGV[2])
local now = nowMs()
local requeued, failed = 0, 0
local lapsed = redis.call('ZRANGEBYSCORE', P .. 'active', '-inf', now, 'LIMIT', 0, 1000)
for _, id in ipairs(lapsed) do
  redis.call('ZREM', P .. 'active', id)
  local key = jobKey(P, id)
  if redis.call('EXISTS', key) == 1 then
    redis.call('HDEL', key, 'token')
    local stalled = redis.call('HINCRBY', key, 'stalledCount', 1)
    local owner = redis.call('HGET', key, 'owner')
    emit(P, 'stalled', id, { owner = owner, stalledCount = stalled })
    if stalled > maxStalled then
      redis.call('HSET', key, 'failedReason', 'stalled')
      finish(P, id, 'failed', now)
      emit(P, 'failed', id, { owner = owner, failedReason = 'stalled' })
      failed = failed + 1
    else
      enqueue(P, id, tonumber(redis.call('HGET', key, 'priority')) or 0)
      requeued = requeued + 1
    end
  end
end
return { requeued, failed }
