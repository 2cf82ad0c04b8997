-- Where a topic stands: {head seq, epoch}, starting a fresh epoch (and dropping any remains) when there is none.
-- KEYS: 1 seq, 2 epoch, 3 history, 4 order, 5 evicted
-- ARGV: 1 epoch candidate, 2 the time to live of the keys in ms ('0': none, a plain topic; a channel's refreshed on
--       every subscribe), set as in publish.lua: the same on all five keys, the epoch first
local epoch = redis.call('GET', KEYS[2])
if not epoch then
  epoch = ARGV[1]
  redis.call('DEL', KEYS[1], KEYS[3], KEYS[4], KEYS[5])
  redis.call('SET', KEYS[2], epoch)
end
if ARGV[2] ~= '0' then
  for i = 2, 5 do
    redis.call('PEXPIRE', KEYS[i], ARGV[2])
  end
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
-- the seq as Redis keeps it, a decimal string: a Lua number is a double and would round it
return {redis.call('GET', KEYS[1]) or '0', epoch}
