-- Writes an entry with its TTL unless Redis holds a newer version of the entity (see set-and-unlock.lua):
-- the write of a load without the lock, of a write-through put and of the batch write-back.
-- KEYS[1] the entry; ARGV[1] the value, ARGV[2] the TTL in ms, ARGV[3] the version of the value (-1: none).
-- Returns 1 if written, 0 if a newer version won.
local current = redis.call('GET', KEYS[1])
if current then
  local version = tonumber(string.match(current, '^{"n":(%-?%d+)'))
  if version and version >= 0 and tonumber(ARGV[3]) < version then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
