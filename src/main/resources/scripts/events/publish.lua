-- Adds one event to the stream unless its id is already there (a resubmitted publication whose first
-- XADD landed but whose reply was lost). XADD runs before the marker is written: if XADD fails (wrong
-- type, OOM) the script stops with nothing written, and the publication stays incomplete.
-- KEYS[1] stream; KEYS[2] published marker (same slot: {sf:events})
-- ARGV[1] marker ttl ms; ARGV[2] approximate max length; ARGV[3..] field, value pairs
-- Returns the new entry id, or false when the event was already published.
if redis.call('EXISTS', KEYS[2]) == 1 then
  return false
end
local fields = {}
for i = 3, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', unpack(fields))
redis.call('SET', KEYS[2], id, 'PX', ARGV[1])
return id
