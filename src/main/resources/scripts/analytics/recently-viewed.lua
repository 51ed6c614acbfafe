-- Moves a product to the front of a user's recently viewed list without duplicates, caps the list and
-- keeps its TTL, in one step.
-- KEYS[1] list; ARGV[1] product id; ARGV[2] most entries kept; ARGV[3] ttl ms
redis.call('LREM', KEYS[1], 0, ARGV[1])
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return redis.call('LLEN', KEYS[1])
