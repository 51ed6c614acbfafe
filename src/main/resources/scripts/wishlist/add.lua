-- Adds a product to a user's wishlist unless that would exceed the limit. No TTL: a wishlist is state.
-- KEYS[1] the user's wishlist set; ARGV[1] product id; ARGV[2] most products allowed
-- Returns 1 when added, 0 when already there, -1 when the wishlist is full.
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then
  return 0
end
if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return -1
end
return redis.call('SADD', KEYS[1], ARGV[1])
