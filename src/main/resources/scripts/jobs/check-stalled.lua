-- Finds active jobs whose lease lapsed (their worker died): back to waiting, or failed with reason
-- "stalled" once they stalled more than maxStalledCount times.
-- KEYS[1..10] the queue's fixed keys (common.lua). The lapsed jobs' keys are derived (their ids come from
--   active); every lapsed job's hash is read before the first write.
-- ARGV[1] key prefix P, [2] maxStalledCount
-- Returns {requeued, failed}
local P, maxStalled = ARGV[1], tonumber(ARGV[2])
local now = nowMs()
local requeued, failed = 0, 0
local lapsed = redis.call('ZRANGEBYSCORE', Q.active, '-inf', now, 'LIMIT', 0, 1000)
local exists = {}
for j, id in ipairs(lapsed) do
  exists[j] = redis.call('EXISTS', jobKey(P, id))
end
for j, id in ipairs(lapsed) do
  redis.call('ZREM', Q.active, id)
  local key = jobKey(P, id)
  if exists[j] == 1 then
    redis.call('HDEL', key, 'token')
    local stalled = redis.call('HINCRBY', key, 'stalledCount', 1)
    local owner = redis.call('HGET', key, 'owner')
    emit(P, 'stalled', id, { owner = owner, stalledCount = stalled })
    if stalled > maxStalled then
      redis.call('HSET', key, 'failedReason', 'stalled')
      finish(P, id, 'failed', now, key, logsKey(P, id))
      emit(P, 'failed', id, { owner = owner, failedReason = 'stalled' })
      failed = failed + 1
    else
      enqueue(key, id, tonumber(redis.call('HGET', key, 'priority')) or 0)
      requeued = requeued + 1
    end
  end
end
return { requeued, failed }
