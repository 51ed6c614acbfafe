-- Renews the leases of jobs a worker still runs.
-- KEYS[1] the queue's meta hash (routing only)
-- ARGV[1] key prefix P, [2] lease token, [3] lease ms, [4..] job ids
-- Returns the ids whose lease was lost (moved by the stall check, removed, or leased again).
local P, token, lease = ARGV[1], ARGV[2], tonumber(ARGV[3])
local now = nowMs()
local lost = {}
for i = 4, #ARGV do
  local id = ARGV[i]
  if redis.call('HGET', jobKey(P, id), 'token') == token then
    redis.call('ZADD', P .. 'active', 'XX', now + lease, id)
  else
    lost[#lost + 1] = id
  end
end
return lost
