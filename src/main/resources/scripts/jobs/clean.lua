-- Deletes finished jobs older than an age.
-- KEYS[1..10] the queue's fixed keys (common.lua); the deleted jobs' keys are derived (their ids come from
--   the finished set) and read before the first delete.
-- ARGV[1] key prefix P, [2] 'completed' or 'failed', [3] minimum age ms, [4] most jobs per call
-- Returns the number of jobs deleted.
local P, set = ARGV[1], ARGV[2]
if set ~= 'completed' and set ~= 'failed' then
  return redis.error_reply('not a finished set: ' .. set)
end
local ids = redis.call('ZRANGEBYSCORE', Q[set], '-inf', nowMs() - tonumber(ARGV[3]), 'LIMIT', 0, tonumber(ARGV[4]))
deleteJobs(P, set, ids)
return #ids
