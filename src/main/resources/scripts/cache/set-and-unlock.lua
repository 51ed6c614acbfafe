-- Writes a loaded entry with its TTL unless Redis holds a newer version of the entity, and releases the
-- loader lock if this caller still owns it (compare-and-delete): one round trip instead of SET + unlock.
-- An entry payload starts with {"n":<version>, ...}; -1 means "no version" (a null or unversioned value).
-- A payload with a version is never replaced by an older version or by a value without one: a reader that
-- loaded the row before a commit must not overwrite what the commit wrote through.
-- KEYS[1] the entry, KEYS[2] its lock (same hash slot); ARGV[1] the value, ARGV[2] the entry TTL in ms,
-- ARGV[3] the owner token, ARGV[4] the version of the value. Returns 1 if written, 0 if a newer version won.
local written = 1
local current = redis.call('GET', KEYS[1])
if current then
  local version = tonumber(string.match(current, '^{"n":(%-?%d+)'))
  if version and version >= 0 and tonumber(ARGV[4]) < version then
    written = 0
  end
end
if written == 1 then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
end
if redis.call('GET', KEYS[2]) == ARGV[3] then
  redis.call('DEL', KEYS[2])
end
return written
