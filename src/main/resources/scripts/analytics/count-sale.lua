-- Adds the units of one confirmed order to a week's bestseller ranking and keeps the week's TTL, once per
-- order: the consumer group may hand the same entry over twice (its "processing" marker lapsed during a
-- slow batch, or settling failed after the handler ran), and ZINCRBY is not idempotent.
-- KEYS[1] weekly sorted set; KEYS[2] the order's "counted" marker in that week (hash-tagged with KEYS[1])
-- ARGV[1] ranking ttl ms; ARGV[2] marker ttl ms (longer than the ranking's); ARGV[3..] pairs of product id and units
-- Returns 1 when counted, 0 when the order had been counted already.
if not redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[2]) then
  return 0
end
for i = 3, #ARGV, 2 do
  redis.call('ZINCRBY', KEYS[1], ARGV[i + 1], ARGV[i])
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
