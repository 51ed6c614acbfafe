-- Removes a job that is not running, with its log.
-- KEYS[1..10] the queue's fixed keys (common.lua), [11] the job's hash, [12] its log
-- ARGV[1] key prefix P, [2] job id
-- Returns 1 removed, 0 when it is active (leased), -1 when there is no such job.
local id = ARGV[2]
local key = KEYS[11]
local state = redis.call('HGET', key, 'state')
if not state then
  return -1
end
if state == 'active' then
  return 0
end
redis.call('LREM', Q.wait, 0, id)
for _, set in ipairs({ 'prioritized', 'delayed', 'completed', 'failed' }) do
  redis.call('ZREM', Q[set], id)
end
redis.call('DEL', key, KEYS[12])
return 1
