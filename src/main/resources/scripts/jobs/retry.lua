-- Moves failed jobs back to waiting with fresh attempts: one job, or up to N of the oldest failed.
-- KEYS[1] the queue's meta hash (routing only)
-- ARGV[1] key prefix P, [2] job id ('' = the oldest failed jobs), [3] how many at most
-- Returns the number of jobs moved.
local P = ARGV[1]

local function retryOne(id)
  local key = jobKey(P, id)
  if redis.call('ZREM', P .. 'failed', id) == 0 or redis.call('EXISTS', key) == 0 then
    return 0
  end
  redis.call('PERSIST', key)
  redis.call('PERSIST', P .. 'logs:' .. id)
  redis.call('HSET', key, 'attemptsMade', 0, 'stalledCount', 0, 'progress', 0)
  redis.call('HDEL', key, 'failedReason', 'finishedOn', 'processedOn')
  enqueue(P, id, tonumber(redis.call('HGET', key, 'priority')) or 0)
  return 1
end

if ARGV[2] ~= '' then
  return retryOne(ARGV[2])
end
local moved = 0
for _, id in ipairs(redis.call('ZRANGE', P .. 'failed', 0, tonumber(ARGV[3]) - 1)) do
  moved = moved + retryOne(id)
end
if moved > 0 then emit(P, 'added', '') end
return moved
