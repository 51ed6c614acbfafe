-- Adds an entry key to a tag set and lets the set live at least as long as that entry.
-- KEYS[1] the tag set, ARGV[1] the entry key (a member, not touched), ARGV[2] the entry TTL in ms.
redis.call('SADD', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < tonumber(ARGV[2]) then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 1
