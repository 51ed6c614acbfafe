-- Shared helpers, prepended to every script of the jobs module when it is loaded (JobScripts).
-- Every key of a queue starts with the prefix P = "sf:q:{<queue>}:", so a script only declares the
-- queue's meta key (for routing) and derives the others from P: they all hash to the same slot.

-- Redis server time in ms, so every instance agrees on delays, leases and ages.
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function jobKey(P, id)
  return P .. 'job:' .. id
end

-- Puts a job in line: prioritized (lower priority first, FIFO within one priority) or waiting (FIFO).
local function enqueue(P, id, priority)
  if priority > 0 then
    local seq = redis.call('INCR', P .. 'pc')
    redis.call('ZADD', P .. 'prioritized', priority * 4294967296 + seq, id)
    redis.call('HSET', jobKey(P, id), 'state', 'prioritized')
  else
    redis.call('LPUSH', P .. 'wait', id)
    redis.call('HSET', jobKey(P, id), 'state', 'waiting')
  end
end

-- Publishes a job event on the queue's channel as JSON.
local function emit(P, event, id, fields)
  local message = { event = event, jobId = id }
  if fields then
    for k, v in pairs(fields) do message[k] = v end
  end
  redis.call('PUBLISH', P .. 'events', cjson.encode(message))
end

local function deleteJobs(P, set, ids)
  if #ids == 0 then return end
  for _, id in ipairs(ids) do
    redis.call('DEL', jobKey(P, id), P .. 'logs:' .. id)
  end
  redis.call('ZREM', P .. set, unpack(ids))
end

-- Keeps a finished set (completed or failed) within its count and age, deleting the trimmed jobs.
local function trim(P, set, keepCount, keepAgeMs, now)
  if keepAgeMs > 0 then
    deleteJobs(P, set, redis.call('ZRANGEBYSCORE', P .. set, '-inf', now - keepAgeMs, 'LIMIT', 0, 1000))
  end
  if keepCount >= 0 then
    local excess = redis.call('ZCARD', P .. set) - keepCount
    if excess > 0 then
      deleteJobs(P, set, redis.call('ZRANGE', P .. set, 0, math.min(excess, 1000) - 1))
    end
  end
end

-- Moves a job into a finished set; the job and its log expire with the set's age limit.
local function finish(P, id, set, now)
  local key = jobKey(P, id)
  local keep = redis.call('HMGET', key, set == 'completed' and 'keepCount' or 'failCount',
    set == 'completed' and 'keepAge' or 'failAge')
  local keepCount, keepAge = tonumber(keep[1]), tonumber(keep[2])
  redis.call('HSET', key, 'state', set, 'finishedOn', now)
  redis.call('ZADD', P .. set, now, id)
  redis.call('PEXPIRE', key, keepAge)
  redis.call('PEXPIRE', P .. 'logs:' .. id, keepAge)
  trim(P, set, keepCount, keepAge, now)
end
