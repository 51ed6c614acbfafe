-- Fixed window counter over one key. The window starts with its first request and ends when the key
-- expires, so the clock is Redis's own (TIME and key expiry), never the caller's.
-- KEYS[1] counter key; ARGV[1] limit; ARGV[2] window in ms
-- Returns {allowed (1|0), remaining, reset-at epoch ms, now epoch ms}
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  -- A missing key (-2), or one without expiry (-1) that must never outlive a window.
  count = 0
  ttl = window
end
if count >= limit then
  return {0, 0, now + ttl, now}
end
if count == 0 then
  redis.call('SET', KEYS[1], 1, 'PX', window)
else
  redis.call('INCR', KEYS[1])
end
return {1, limit - count - 1, now + ttl, now}
