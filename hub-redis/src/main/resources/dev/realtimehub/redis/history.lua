-- Reads a topic's history after a seq, with where the topic stands, in one atomic step.
-- KEYS: 1 seq, 2 epoch, 3 history (stream or hash), 4 order (zset, state mode), 5 evicted
-- ARGV: 1 since (exclusive), 2 up to (inclusive; '+': the head), 3 mode ('stream'|'state'),
--       4 the time to live of the keys in ms ('0': none, a plain topic; a channel's refreshed on every recovery read,
--       and only while it has an epoch: remains without one are left to expire), set as in publish.lua
-- Returns {head seq, epoch or false, evicted-up-to (state mode), json...}
-- Seqs stay decimal strings: a Lua number is a double, and one written with '..' turns into 9.2233720368548e+18 (or
-- 1e+15), which Redis refuses as a stream ID; Redis itself parses the strings as 64-bit integers.
local function atMost(a, b) -- a <= b for decimal strings of non-negative integers without leading zeros
  if #a ~= #b then
    return #a < #b
  end
  return a <= b
end
local head = redis.call('GET', KEYS[1]) or '0'
local epoch = redis.call('GET', KEYS[2])
if epoch and ARGV[4] ~= '0' then
  for i = 2, 5 do -- KEYS[2], the epoch, first
    redis.call('PEXPIRE', KEYS[i], ARGV[4])
  end
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
end
local out = {head, epoch or false, 0}
local since = ARGV[1]
local upto = ARGV[2]
if upto == '+' or atMost(head, upto) then
  upto = head
end
if atMost(upto, since) then
  return out
end
if ARGV[3] == 'stream' then
  local entries = redis.call('XRANGE', KEYS[3], '(' .. since .. '-0', upto .. '-0')
  for i = 1, #entries do
    out[#out + 1] = entries[i][2][2]
  end
else
  out[3] = tonumber(redis.call('GET', KEYS[5]) or '0')
  -- the order set's scores are doubles: exact up to 2^53
  local keys = redis.call('ZRANGEBYSCORE', KEYS[4], '(' .. since, upto)
  if #keys > 0 then
    local values = redis.call('HMGET', KEYS[3], unpack(keys))
    for i = 1, #values do
      if values[i] then
        out[#out + 1] = values[i]
      end
    end
  end
end
return out
