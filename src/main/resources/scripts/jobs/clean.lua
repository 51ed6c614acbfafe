-- Deletes finished jobs older than an age.
-- KEYS[1] the queue's meta hash (routing only)
-- ARGV[1] key prefix P, [2] 'completed' or 'failed', [3] minimum age ms, [4] most jobs per call
-- Returns the number of jobs deleted.
local P, set = ARGV[1], ARGV[2]
local ids = redis.call('ZRANGEBYSCORE', P .. set, '-inf', nowMs() - tonumber(ARGV[3]), 'LIMIT', 0, tonumber(ARGV[4]))
deleteJobs(P, set, ids)
return #ids
