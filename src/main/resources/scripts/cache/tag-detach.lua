-- Atomically moves a tag set aside so entries tagged from now on start a fresh set.
-- KEYS[1] the tag set, KEYS[2] the detached copy (same hash tag, same slot), ARGV[1] its TTL in ms.
-- Returns 1 if there was a set, 0 otherwise.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
return 1
