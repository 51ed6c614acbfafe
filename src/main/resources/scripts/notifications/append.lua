-- Appends one notification to a capped stream unless its event already produced one (redelivery).
-- KEYS[1] notification stream; KEYS[2] marker of the event (same hash tag)
-- ARGV[1] approximate max length; ARGV[2] ttl seconds (stream and marker); ARGV[3] type;
-- ARGV[4] createdAt (ISO-8601); ARGV[5] data (JSON)
-- Returns {id, 1} for a new entry, {id, 0} when the event had already been appended.
local existing = redis.call('GET', KEYS[2])
if existing then
  return {existing, 0}
end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*',
  'type', ARGV[3], 'createdAt', ARGV[4], 'data', ARGV[5])
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], id, 'EX', ARGV[2])
return {id, 1}
