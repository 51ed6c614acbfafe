-- Sets one cart line and slides the cart's TTL, refusing a new line when the cart is full.
-- The hash holds product-id -> quantity plus two bookkeeping fields: _id (random, set once) and _v
-- (bumped on every change), which together name a snapshot for checkout's idempotency key.
-- KEYS[1] cart hash; ARGV[1] product id; ARGV[2] quantity; ARGV[3] ttl ms; ARGV[4] max lines; ARGV[5] new cart id
-- Returns 1 when set, -1 when the cart is full.
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
  local lines = redis.call('HLEN', KEYS[1])
  if lines > 0 then
    lines = lines - 2
  end
  if lines >= tonumber(ARGV[4]) then
    return -1
  end
end
redis.call('HSETNX', KEYS[1], '_id', ARGV[5])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HINCRBY', KEYS[1], '_v', 1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
