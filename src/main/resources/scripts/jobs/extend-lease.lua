-- Renews the leases of jobs a worker still runs, each under the token of its own attempt.
-- KEYS[1..10] the queue's fixed keys (common.lua), [11..] the hash key of each job, in the order of ARGV
-- ARGV[1] key prefix P, [2] lease ms, [3..] pairs of job id and lease token
-- Returns the ids whose lease was lost (moved by the stall check, removed, or leased again).
local lease = tonumber(ARGV[2])
local now = nowMs()
local lost = {}
for i = 3, #ARGV - 1, 2 do
  local id, token = ARGV[i], ARGV[i + 1]
  if redis.call('HGET', KEYS[11 + (i - 3) / 2], 'token') == token then
    redis.call('ZADD', Q.active, 'XX', now + lease, id)
  else
    lost[#lost + 1] = id
  end
end
return lost
