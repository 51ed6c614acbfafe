-- Takes the units of one cancelled (previously confirmed) order off a week's bestseller ranking, once:
-- only an order whose "counted" marker is there is taken off, and the marker goes with it, so a second
-- delivery of the cancellation (or one without a counted confirmation) changes nothing. Products that
-- drop to zero leave the ranking. The week's TTL is kept as it is.
-- KEYS[1] weekly sorted set; KEYS[2] the order's "counted" marker in that week; ARGV[1..] pairs of product id and units
-- Returns 1 when taken off, 0 otherwise.
if redis.call('DEL', KEYS[2]) == 0 or redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
for i = 1, #ARGV, 2 do
  redis.call('ZINCRBY', KEYS[1], -tonumber(ARGV[i + 1]), ARGV[i])
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '0')
return 1
