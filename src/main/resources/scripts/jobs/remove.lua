-- Removes a job that is not running, with its log.
-- KEYS[1] the queue's meta hash (routing only)
-- ARGV[1] key prefix P, [2] job id
-- Returns 1 removed, 0 when it is active (leased), -1 when there is no such job.
local P, id = ARGV[1], ARGV[2]
local key = jobKey(P, id)
local state = redis.call('HGET', key, 'state')
if not state then
  return -1
end
if state == 'active' then
  return 0
end
redis.call('LREM', P .. 'wait', 0, id)
for _, set in ipairs({ 'prioritized', 'delayed', 'completed', 'failed' }) do
  redis.call('ZREM', P .. set, id)
end
redis.call('DEL', key, P .. 'logs:' .. id)
return 1
