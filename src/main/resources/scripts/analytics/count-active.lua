-- Combines daily bitmaps with BITOP (AND: active every day, OR: active on any day) into a result key
-- that expires soon, and counts its bits. All keys share the {dau} hash tag, so this is cluster-safe.
-- KEYS[1] result key; KEYS[2..] daily bitmaps; ARGV[1] AND or OR; ARGV[2] result ttl ms
-- Returns the number of users.
local days = {}
for i = 2, #KEYS do
  days[#days + 1] = KEYS[i]
end
redis.call('BITOP', ARGV[1], KEYS[1], unpack(days))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return redis.call('BITCOUNT', KEYS[1])
