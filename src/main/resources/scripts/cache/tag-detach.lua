-- Starts an invalidation: bumps the tag's generation (loads that began earlier will not register) and
-- atomically moves the tag set aside so entries tagged from now on start a fresh set. The detached copy
-- keeps the set's TTL, which is at least its longest member's: if unlinking the members fails half-way,
-- a replay still finds them.
-- KEYS[1] the tag set, KEYS[2] the detached copy, KEYS[3] the generation (all one hash tag, one slot);
-- ARGV[1] the generation's TTL in ms. Returns 1 if there was a set, 0 otherwise.
redis.call('INCR', KEYS[3])
redis.call('PEXPIRE', KEYS[3], ARGV[1])
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('RENAME', KEYS[1], KEYS[2])
return 1
