-- Records a running job's progress, if the caller still holds its lease, and publishes it.
-- KEYS[1..10] the queue's fixed keys (common.lua), [11] the job's hash
-- ARGV[1] key prefix P, [2] job id, [3] lease token, [4] progress 0..100
-- Returns 1, or 0 when the lease was lost.
local P, id = ARGV[1], ARGV[2]
local key = KEYS[11]
if redis.call('HGET', key, 'token') ~= ARGV[3] then
  return 0
end
redis.call('HSET', key, 'progress', ARGV[4])
emit(P, 'progress', id, { owner = redis.call('HGET', key, 'owner'), progress = tonumber(ARGV[4]) })
return 1
