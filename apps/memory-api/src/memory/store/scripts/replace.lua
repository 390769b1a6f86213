-- Replaces every message of one memory, unless a change with a higher fencing token was accepted
-- before. New messages continue the sequence: a seq is never given out twice.
-- KEYS[1] message list, KEYS[2] meta hash (messageCount, tokenCount, lastSeq, fence)
-- ARGV[1] fencing token; then per message ARGV[2i] its tokens and ARGV[2i+1] its JSON object
-- without seq and tokens.
-- Returns {1, removed, messageCount, tokenCount, lastSeq, fence} or {0, lastFence} when stale.
local fence = tonumber(ARGV[1])
local lastFence = stale_fence()
if lastFence then
  return {0, lastFence}
end

local removed = redis.call('LLEN', KEYS[1])
redis.call('DEL', KEYS[1])

local lastSeq, count, tokenCount = push_messages()
redis.call('HSET', KEYS[2], 'messageCount', count, 'tokenCount', tokenCount,
  'lastSeq', lastSeq, 'fence', fence)

return {1, removed, count, tokenCount, lastSeq, fence}
