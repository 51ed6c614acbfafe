-- A miss in one round trip: the entry if it is there, else the loader lock (SET NX PX with an owner token).
-- Atomic, so no peer can land the entry between the read and the lock: the old "re-check GET" is built in.
-- KEYS[1] the entry, KEYS[2] its lock (same hash slot); ARGV[1] the owner token, ARGV[2] the lock TTL in ms.
-- Returns {1, value} if the entry exists (no lock taken), {2} if this caller took the lock, {0} if another holds it.
local value = redis.call('GET', KEYS[1])
if value then
  return {1, value}
end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {2}
end
return {0}
