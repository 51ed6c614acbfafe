-- Adds one event to the stream unless its id is already there (a resubmitted publication whose first
-- XADD landed but whose reply was lost). XADD runs before the marker is written: if XADD fails (wrong
-- type, OOM) the script stops with nothing written, and the publication stays incomplete.
-- Then trims the stream to about ARGV[2] entries, but never above the slowest consumer group: no entry a
-- group has not read yet, and none still pending (waiting to be reclaimed or dead-lettered), is trimmed.
-- A blind MAXLEN ~ dropped such entries silently. While a group lags, the stream grows beyond the max
-- length (watch storefront.events.lag); a group that is gone for good must be destroyed.
-- KEYS[1] stream; KEYS[2] published marker (same slot: {sf:events})
-- ARGV[1] marker ttl ms; ARGV[2] max length; ARGV[3..] field, value pairs
-- Returns the new entry id, or false when the event was already published.
if redis.call('EXISTS', KEYS[2]) == 1 then
  return false
end
local fields = {}
for i = 3, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
local id = redis.call('XADD', KEYS[1], '*', unpack(fields))
redis.call('SET', KEYS[2], id, 'PX', ARGV[1])

local function parse(entryId)
  local dash = string.find(entryId, '-', 1, true)
  return tonumber(string.sub(entryId, 1, dash - 1)), tonumber(string.sub(entryId, dash + 1))
end

local function less(a, b)
  local am, as = parse(a)
  local bm, bs = parse(b)
  return am < bm or (am == bm and as < bs)
end

-- Trim in steps of about 1% of the max length, so the group lookups run once per step, not per event.
local maxlen = tonumber(ARGV[2])
local len = redis.call('XLEN', KEYS[1])
if len <= maxlen + math.max(1, math.floor(maxlen / 100)) then
  return id
end
-- The first entry the max length keeps: everything before it may go.
local over = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', len - maxlen + 1)
local keepFrom = over[#over][1]
-- Each group needs the entries after its last delivered id, and its oldest pending entry.
for _, group in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
  local info = {}
  for i = 1, #group, 2 do
    info[group[i]] = group[i + 1]
  end
  local ms, seq = parse(info['last-delivered-id'])
  local needed = string.format('%.0f-%.0f', ms, seq + 1)
  if tonumber(info['pending']) > 0 then
    local oldest = redis.call('XPENDING', KEYS[1], info['name'])[2]
    if oldest and less(oldest, needed) then
      needed = oldest
    end
  end
  if less(needed, keepFrom) then
    keepFrom = needed
  end
end
redis.call('XTRIM', KEYS[1], 'MINID', keepFrom)
return id
