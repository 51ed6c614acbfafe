-- Appends a line to a running job's log, if the caller still holds the attempt's lease, keeping the last
-- lines. A late call (the job finished, or another attempt owns it) writes nothing: an RPUSH after finish
-- would recreate the log key without the TTL the finished job got.
-- KEYS[1] the queue's meta hash (routing only)
-- ARGV[1] key prefix P, [2] job id, [3] lease token, [4] the line, [5] most lines kept
-- Returns 1, or 0 when the lease was lost.
local P, id = ARGV[1], ARGV[2]
if redis.call('HGET', jobKey(P, id), 'token') ~= ARGV[3] then
  return 0
end
local logs = P .. 'logs:' .. id
redis.call('RPUSH', logs, ARGV[4])
redis.call('LTRIM', logs, -tonumber(ARGV[5]), -1)
return 1
