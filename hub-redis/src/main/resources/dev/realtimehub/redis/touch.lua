-- Refreshes the time to live of a channel that a node holds, so that a live channel never loses its keys however
-- long it goes without a publish. Set as in publish.lua: the same on all five keys, the epoch first; a channel
-- without an epoch is left alone (its remains expire, and the next publish or subscribe starts a new epoch).
-- KEYS: 1 seq, 2 epoch, 3 history, 4 order, 5 evicted
-- ARGV: 1 the time to live in ms
-- Returns {1} when the channel had an epoch, else {0} (a list: the runner reads every reply as one).
if redis.call('EXISTS', KEYS[2]) == 0 then
  return {0}
end
for i = 2, 5 do -- KEYS[2], the epoch, first
  redis.call('PEXPIRE', KEYS[i], ARGV[1])
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return {1}
