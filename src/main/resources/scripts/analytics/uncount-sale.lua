-- Takes the units of one cancelled (previously confirmed) order off a week's bestseller ranking;
-- products that drop to zero leave the ranking. The week's TTL is kept as it is.
-- KEYS[1] weekly sorted set; ARGV[1..] pairs of product id and units
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
for i = 1, #ARGV, 2 do
  redis.call('ZINCRBY', KEYS[1], -tonumber(ARGV[i + 1]), ARGV[i])
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '0')
return 1
