-- Replaces every message of one memory, unless a change with a higher fencing token was accepted
-- before. New messages continue the sequence: a seq is never given out twice.
-- KEYS[1] message list, KEYS[2] meta hash (messageCount, tokenCount, lastSeq, fence)
-- ARGV[1] fencing token; then per message ARGV[2i] its tokens and ARGV[2i+1] its JSON object
-- without seq and tokens.
-- Returns {1, removed, messageCount, tokenCount, lastSeq, fence} or {0, lastFence} when stale.
local fence = tonumber(ARGV[1])
local lastFence = tonumber(redis.call('HGET', KEYS[2], 'fence') or '0')
if fence < lastFence then
  return {0, lastFence}
end

local removed = redis.call('LLEN', KEYS[1])
redis.call('DEL', KEYS[1])

local lastSeq = tonumber(redis.call('HGET', KEYS[2], 'lastSeq') or '0')
local items = {}
local tokenCount = 0
for i = 2, #ARGV, 2 do
  lastSeq = lastSeq + 1
  local tokens = tonumber(ARGV[i])
  items[#items + 1] = string.format('{"seq":%d,"tokens":%d,', lastSeq, tokens) .. string.sub(ARGV[i + 1], 2)
  tokenCount = tokenCount + tokens
end

if #items > 0 then
  redis.call('RPUSH', KEYS[1], unpack(items))
end
redis.call('HSET', KEYS[2], 'messageCount', #items, 'tokenCount', tokenCount,
  'lastSeq', lastSeq, 'fence', fence)

return {1, removed, #items, tokenCount, lastSeq, fence}
