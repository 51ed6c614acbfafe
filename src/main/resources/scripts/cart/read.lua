-- Reads the whole cart and slides its TTL: looking at a cart counts as using it.
-- KEYS[1] cart hash; ARGV[1] ttl ms
-- Returns HGETALL's flat field/value list (empty when there is no cart).
local fields = redis.call('HGETALL', KEYS[1])
if #fields > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return fields
