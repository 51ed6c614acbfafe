-- After an order was placed from a cart snapshot, removes exactly the lines that were ordered: a line
-- whose quantity changed since the snapshot (a concurrent edit) stays, and so do lines added meanwhile.
-- KEYS[1] cart hash; ARGV[1] ttl ms; ARGV[2..] pairs of product id and the quantity that was ordered
-- Returns how many lines were removed.
local removed = 0
for i = 2, #ARGV, 2 do
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[i + 1] then
    redis.call('HDEL', KEYS[1], ARGV[i])
    removed = removed + 1
  end
end
if removed > 0 then
  if redis.call('HLEN', KEYS[1]) <= 2 then
    redis.call('DEL', KEYS[1])
    return removed
  end
  redis.call('HINCRBY', KEYS[1], '_v', 1)
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return removed
