-- Writes a loaded entry with its TTL and releases the loader lock if this caller still owns it
-- (compare-and-delete): one round trip instead of SET + unlock script.
-- KEYS[1] the entry, KEYS[2] its lock (same hash slot); ARGV[1] the value, ARGV[2] the entry TTL in ms,
-- ARGV[3] the owner token. Returns 1 if the lock was released, 0 if this caller no longer owned it.
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if redis.call('GET', KEYS[2]) == ARGV[3] then
  return redis.call('DEL', KEYS[2])
end
return 0
