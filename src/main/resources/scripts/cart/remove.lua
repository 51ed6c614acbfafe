-- Removes one cart line; an empty cart is deleted, otherwise its TTL slides.
-- KEYS[1] cart hash; ARGV[1] product id; ARGV[2] ttl ms
-- Returns 1 if the line existed, else 0.
local removed = redis.call('HDEL', KEYS[1], ARGV[1])
if removed == 1 and redis.call('HLEN', KEYS[1]) <= 2 then
  redis.call('DEL', KEYS[1])
  return 1
end
if removed == 1 then
  redis.call('HINCRBY', KEYS[1], '_v', 1)
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return removed
