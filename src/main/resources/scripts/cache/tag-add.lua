-- Adds an entry key to a tag set and lets the set live at least as long as that entry, unless the tag was
-- invalidated since the caller's load began: then the caller removes its entry instead (its value may
-- predate the change that invalidated the tag).
-- KEYS[1] the tag set, KEYS[2] the tag's generation (same hash tag, same slot); ARGV[1] the entry key
-- (a member, not touched), ARGV[2] the entry TTL in ms, ARGV[3] the generation seen before the load
-- ('' skips the check). Returns 1 if added, 0 if the generation moved on.
if ARGV[3] ~= '' and (redis.call('GET', KEYS[2]) or '0') ~= ARGV[3] then
  return 0
end
redis.call('SADD', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < tonumber(ARGV[2]) then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 1
