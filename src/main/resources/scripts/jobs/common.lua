-- Shared helpers, prepended to every script of the jobs module when it is loaded (JobScripts).
-- Every script receives the queue's fixed keys as KEYS[1..10], in the order JobKeys.FIXED declares them
-- (named below), so Redis checks them all before the script runs: during a Cluster slot migration the
-- whole script is refused (TRYAGAIN/ASK, the client retries) instead of aborting between two writes.
-- Per-job keys follow as KEYS[11..] wherever the caller knows the id (see each script's header); only the
-- keys of ids a script learns itself (popped, due, lapsed, trimmed ids) are derived with jobKey/logsKey from
-- the prefix P = "sf:q:{<queue>}:". They share the queue's hash tag, hence its slot, and each script reads
-- them before its first write where a read can fail.
local Q = {}
Q.meta = KEYS[1]
Q.wait = KEYS[2]
Q.prioritized = KEYS[3]
Q.delayed = KEYS[4]
Q.active = KEYS[5]
Q.completed = KEYS[6]
Q.failed = KEYS[7]
Q.pc = KEYS[8]
Q.id = KEYS[9]
Q.limiter = KEYS[10]

-- Redis server time in ms, so every instance agrees on delays, leases and ages.
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function jobKey(P, id)
  return P .. 'job:' .. id
end

local function logsKey(P, id)
  return P .. 'logs:' .. id
end

-- Puts a job in line: prioritized (lower priority first, FIFO within one priority) or waiting (FIFO).
-- key is the job's hash.
local function enqueue(key, id, priority)
  if priority > 0 then
    local seq = redis.call('INCR', Q.pc)
    redis.call('ZADD', Q.prioritized, priority * 4294967296 + seq, id)
    redis.call('HSET', key, 'state', 'prioritized')
  else
    redis.call('LPUSH', Q.wait, id)
    redis.call('HSET', key, 'state', 'waiting')
  end
end

-- Publishes a job event on the queue's channel as JSON (a channel, not a key: it needs no declaration).
local function emit(P, event, id, fields)
  local message = { event = event, jobId = id }
  if fields then
    for k, v in pairs(fields) do message[k] = v end
  end
  redis.call('PUBLISH', P .. 'events', cjson.encode(message))
end

-- Deletes jobs (found in the finished set named set) with their logs. Their keys are derived, so each hash
-- is read first: a key that is not on this node fails the script before any of them is deleted.
local function deleteJobs(P, set, ids)
  if #ids == 0 then return end
  for _, id in ipairs(ids) do
    redis.call('EXISTS', jobKey(P, id))
  end
  for _, id in ipairs(ids) do
    redis.call('DEL', jobKey(P, id), logsKey(P, id))
  end
  redis.call('ZREM', Q[set], unpack(ids))
end

-- Keeps a finished set (completed or failed) within its count and age, deleting the trimmed jobs.
local function trim(P, set, keepCount, keepAgeMs, now)
  if keepAgeMs > 0 then
    deleteJobs(P, set, redis.call('ZRANGEBYSCORE', Q[set], '-inf', now - keepAgeMs, 'LIMIT', 0, 1000))
  end
  if keepCount >= 0 then
    local excess = redis.call('ZCARD', Q[set]) - keepCount
    if excess > 0 then
      deleteJobs(P, set, redis.call('ZRANGE', Q[set], 0, math.min(excess, 1000) - 1))
    end
  end
end

-- Moves a job (its hash key, its log logs) into a finished set; the job and its log expire with the
-- set's age limit.
local function finish(P, id, set, now, key, logs)
  local keep = redis.call('HMGET', key, set == 'completed' and 'keepCount' or 'failCount',
    set == 'completed' and 'keepAge' or 'failAge')
  local keepCount, keepAge = tonumber(keep[1]), tonumber(keep[2])
  redis.call('HSET', key, 'state', set, 'finishedOn', now)
  redis.call('ZADD', Q[set], now, id)
  redis.call('PEXPIRE', key, keepAge)
  redis.call('PEXPIRE', logs, keepAge)
  trim(P, set, keepCount, keepAge, now)
end
