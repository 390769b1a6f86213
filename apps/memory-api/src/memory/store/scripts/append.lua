-- Appends messages to one memory, unless a change with a higher fencing token was accepted before.
-- KEYS[1] message list, KEYS[2] meta hash (messageCount, tokenCount, lastSeq, fence)
-- ARGV[1] fencing token; then per message ARGV[2i] its tokens and ARGV[2i+1] its JSON object
-- without seq and tokens.
-- Returns {1, firstSeq, messageCount, tokenCount, lastSeq, fence} or {0, lastFence} when stale.
local fence = tonumber(ARGV[1])
local lastFence = stale_fence()
if lastFence then
  return {0, lastFence}
end

local firstSeq = tonumber(redis.call('HGET', KEYS[2], 'lastSeq') or '0') + 1
local lastSeq, added, addedTokens = push_messages()

local messageCount = redis.call('HINCRBY', KEYS[2], 'messageCount', added)
local tokenCount = redis.call('HINCRBY', KEYS[2], 'tokenCount', addedTokens)
redis.call('HSET', KEYS[2], 'lastSeq', lastSeq, 'fence', fence)

return {1, firstSeq, messageCount, tokenCount, lastSeq, fence}
