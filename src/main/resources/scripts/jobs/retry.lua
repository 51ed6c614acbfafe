-- Moves failed jobs back to waiting with fresh attempts: one job, or up to N of the oldest failed.
-- KEYS[1..10] the queue's fixed keys (common.lua), then for one job [11] its hash and [12] its log. The
--   keys of the oldest failed jobs are derived (their ids come from failed); each is read before the first
--   write.
-- ARGV[1] key prefix P, [2] job id ('' = the oldest failed jobs), [3] how many at most
-- Returns the number of jobs moved.
local P = ARGV[1]

-- exists: whether the job's hash exists, read before any write of the script.
local function retryOne(id, key, logs, exists)
  if redis.call('ZREM', Q.failed, id) == 0 or exists == 0 then
    return 0
  end
  redis.call('PERSIST', key)
  redis.call('PERSIST', logs)
  redis.call('HSET', key, 'attemptsMade', 0, 'stalledCount', 0, 'progress', 0)
  redis.call('HDEL', key, 'failedReason', 'finishedOn', 'processedOn')
  enqueue(key, id, tonumber(redis.call('HGET', key, 'priority')) or 0)
  return 1
end

if ARGV[2] ~= '' then
  return retryOne(ARGV[2], KEYS[11], KEYS[12], redis.call('EXISTS', KEYS[11]))
end
local ids = redis.call('ZRANGE', Q.failed, 0, tonumber(ARGV[3]) - 1)
local exists = {}
for j, id in ipairs(ids) do
  exists[j] = redis.call('EXISTS', jobKey(P, id))
end
local moved = 0
for j, id in ipairs(ids) do
  moved = moved + retryOne(id, jobKey(P, id), logsKey(P, id), exists[j])
end
if moved > 0 then emit(P, 'added', '') end
return moved
