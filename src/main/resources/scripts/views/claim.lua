-- Moves a product's pending views into its flushing counter atomically (views arriving meanwhile start
-- a new pending counter) and returns everything now awaiting the database, including what a crashed
-- flush left behind. KEYS[1] pending, KEYS[2] flushing (same hash tag).
local pending = redis.call('GETDEL', KEYS[1])
if pending then
  return redis.call('INCRBY', KEYS[2], pending)
end
return tonumber(redis.call('GET', KEYS[2]) or '0')
