-- Renews the leases of jobs a worker still runs, each under the token of its own attempt.
-- KEYS[1] the queue's meta hash (routing only)
-- ARGV[1] key prefix P, [2] lease ms, [3..] pairs of job id and lease token
-- Returns the ids whose lease was lost (moved by the stall check, removed, or leased again).
local P, lease = ARGV[1], tonumber(ARGV[2])
local now = nowMs()
local lost = {}
for i = 3, #ARGV - 1, 2 do
  local id, token = ARGV[i], ARGV[i + 1]
  if redis.call('HGET', jobKey(P, id), 'token') == token then
    redis.call('ZADD', P .. 'active', 'XX', now + lease, id)
  else
    lost[#lost + 1] = id
  end
end
return lost
