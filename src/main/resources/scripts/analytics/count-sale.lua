-- Adds the units of one confirmed order to a week's bestseller ranking and keeps the week's TTL.
-- KEYS[1] weekly sorted set; ARGV[1] ttl ms; ARGV[2..] pairs of product id and units
for i = 2, #ARGV, 2 do
  redis.call('ZINCRBY', KEYS[1], ARGV[i + 1], ARGV[i])
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
