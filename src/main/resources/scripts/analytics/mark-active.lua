-- Marks a user active on one day (bit at the user id) and keeps the day's TTL, in one step.
-- KEYS[1] daily bitmap; ARGV[1] user id; ARGV[2] ttl ms
-- Returns the previous bit.
local previous = redis.call('SETBIT', KEYS[1], ARGV[1], 1)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return previous
