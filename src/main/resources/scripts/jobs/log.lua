-- Appends a line to a running job's log, if the caller still holds the attempt's lease, keeping the last
-- lines. A late call (the job finished, or another attempt owns it) writes nothing: an RPUSH after finish
-- would recreate the log key without the TTL the finished job got.
-- KEYS[1..10] the queue's fixed keys (common.lua), [11] the job's hash, [12] its log
-- ARGV[1] key prefix P, [2] job id, [3] lease token, [4] the line, [5] most lines kept
-- Returns 1, or 0 when the lease was lost.
if redis.call('HGET', KEYS[11], 'token') ~= ARGV[3] then
  return 0
end
local logs = KEYS[12]
redis.call('RPUSH', logs, ARGV[4])
redis.call('LTRIM', logs, -tonumber(ARGV[5]), -1)
return 1
