-- Removes every message of one memory, unless a change with a higher fencing token was accepted
-- before. lastSeq and fence stay: a later writer must neither reuse a seq nor slip in a stale change.
-- KEYS[1] message list, KEYS[2] meta hash (messageCount, tokenCount, lastSeq, fence)
-- ARGV[1] fencing token
-- Returns {1, cleared, lastSeq, fence} or {0, lastFence} when stale.
local fence = tonumber(ARGV[1])
local lastFence = stale_fence()
if lastFence then
  return {0, lastFence}
end

local cleared = redis.call('LLEN', KEYS[1])
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[2], 'messageCount', 0, 'tokenCount', 0, 'fence', fence)
local lastSeq = tonumber(redis.call('HGET', KEYS[2], 'lastSeq') or '0')

return {1, cleared, lastSeq, fence}
