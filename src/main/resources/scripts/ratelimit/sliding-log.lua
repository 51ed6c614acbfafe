-- Sliding window log over one sorted set: one member per counted request, scored by Redis time (ms).
-- Entries older than the window are trimmed first; a refused request is not recorded.
-- KEYS[1] log key; ARGV[1] limit; ARGV[2] window in ms; ARGV[3] unique member for this request
-- Returns {allowed (1|0), remaining, reset-at epoch ms (when the oldest entry leaves), now epoch ms}
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
local allowed = 0
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  count = count + 1
  allowed = 1
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local resetAt = now + window
if oldest[2] then
  resetAt = tonumber(oldest[2]) + window
end
return {allowed, limit - count, resetAt, now}
