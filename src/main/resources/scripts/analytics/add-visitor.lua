-- Counts one visitor of a product on one day (HyperLogLog) and keeps the day's TTL, in one step.
-- KEYS[1] daily HyperLogLog; ARGV[1] ttl ms; ARGV[2] visitor id
-- Returns 1 if the estimate changed.
local changed = redis.call('PFADD', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return changed
