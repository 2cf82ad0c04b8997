-- Who is subscribed to one topic on every live node.
-- KEYS[1]: the topic's set of node ids that hold entries
-- ARGV[1]: the prefix of a node's hash of that topic (the node id follows it)
-- Returns a flat list: connection id, user id ('' when anonymous), connection id, user id, ...
-- A node whose hash expired (it died and stopped refreshing it) is dropped from the set on the way.
local out = {}
for _, node in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local entries = redis.call('HGETALL', ARGV[1] .. node)
  if #entries == 0 then
    redis.call('SREM', KEYS[1], node)
  else
    for i = 1, #entries do
      out[#out + 1] = entries[i]
    end
  end
end
return out
