-- Accepts one event atomically: epoch, idempotency, seq, history, fan-out. Atomic per topic, or seq order breaks.
-- KEYS: 1 seq, 2 epoch, 3 history (stream, or hash of latest per key), 4 order (zset key->seq, conflate only),
--       5 evicted (highest seq evicted from the state), 6 id (idempotency marker)
-- ARGV: 1 epoch candidate, 2 json head, 3 json tail, 4 history size, 5 mode ('stream'|'state'), 6 conflation key,
--       7 throttle ('-'|'0'|'1'), 8 channel, 9 id ttl in seconds ('0': no id),
--       10 the epoch the publishing node knows, 11 the highest seq it saw in that epoch (acknowledged or delivered),
--       12 the time to live of the keys in ms ('0': none, a plain topic; a channel's refreshed on every publish)
-- A channel's keys expire together: every script that touches them sets one time to live on all five, the epoch
-- first, so the epoch never outlives the seq (an epoch whose seq is gone would hand out seqs 1, 2, ... again under
-- the same epoch). A script that finds no epoch drops whatever remains and starts a new epoch, so a channel that
-- comes back after its keys expired is told apart (recovered:false), never continued.
local function atMost(a, b) -- a <= b for decimal strings of non-negative integers without leading zeros
  if #a ~= #b then
    return #a < #b
  end
  return a <= b
end
local function keep() -- the channel's time to live (ARGV[12]; '0': a plain topic, whose keys never expire)
  if ARGV[12] ~= '0' then
    for i = 2, 5 do -- KEYS[2], the epoch, first
      redis.call('PEXPIRE', KEYS[i], ARGV[12])
    end
    redis.call('PEXPIRE', KEYS[1], ARGV[12])
  end
end
local epoch = redis.call('GET', KEYS[2])
if epoch and epoch == ARGV[10] and not atMost(ARGV[11], redis.call('GET', KEYS[1]) or '0') then
  -- Redis is behind what the node saw in this epoch: it lost acknowledged writes (restarted from an append-only file
  -- fsynced once a second, or from an old snapshot). Handing out those seqs again would reuse them silently, so the
  -- topic starts a new epoch; every node then tells its clients (1001, and recovered:false on their resubscribe).
  epoch = nil
end
if not epoch then
  -- no epoch: the topic's history starts afresh (first use, a wiped Redis, or one that went back in time); drop any
  -- remains
  epoch = ARGV[1]
  redis.call('DEL', KEYS[1], KEYS[3], KEYS[4], KEYS[5])
  redis.call('SET', KEYS[2], epoch)
end
if ARGV[9] ~= '0' then
  local prior = redis.call('GET', KEYS[6])
  if prior then
    keep()
    return {prior, epoch, 1}
  end
end
-- the seq stays the decimal string Redis keeps: INCR answers a Lua number, a double, which '..' would write as 1e+15
redis.call('INCR', KEYS[1])
local seq = redis.call('GET', KEYS[1])
local json = ARGV[2] .. seq .. ARGV[3]
local size = tonumber(ARGV[4])
if ARGV[5] == 'stream' then
  if size > 0 then
    redis.call('XADD', KEYS[3], 'MAXLEN', size, seq .. '-0', 'e', json)
  end
else
  redis.call('HSET', KEYS[3], ARGV[6], json)
  redis.call('ZADD', KEYS[4], seq, ARGV[6])
  local count = redis.call('ZCARD', KEYS[4])
  if count > size then
    local gone = redis.call('ZRANGE', KEYS[4], 0, count - size - 1, 'WITHSCORES')
    local evicted = tonumber(redis.call('GET', KEYS[5]) or '0')
    for i = 1, #gone, 2 do
      redis.call('HDEL', KEYS[3], gone[i])
      local s = tonumber(gone[i + 1])
      if s > evicted then evicted = s end
    end
    redis.call('ZREMRANGEBYRANK', KEYS[4], 0, count - size - 1)
    redis.call('SET', KEYS[5], evicted)
  end
end
if ARGV[9] ~= '0' then
  redis.call('SET', KEYS[6], seq, 'EX', ARGV[9])
end
keep() -- after every write: SET drops a key's time to live
redis.call('PUBLISH', ARGV[8], epoch .. '\n' .. ARGV[7] .. '\n' .. json)
return {seq, epoch, 0}
