-- Appends messages to one memory, unless a change with a higher fencing token was accepted before.
-- KEYS[1] message list, KEYS[2] meta hash (messageCount, tokenCount, lastSeq, fence)
-- ARGV[1] fencing token; then per message ARGV[2i] its tokens and ARGV[2i+1] its JSON object
-- without seq and tokens.
-- Returns {1, firstSeq, messageCount, tokenCount, lastSeq, fence} or {0, lastFence} when stale.
local fence = tonumber(ARGV[1])
local lastFence = tonumber(redis.call('HGET', KEYS[2], 'fence') or '0')
if fence < lastFence then
  return {0, lastFence}
end

local lastSeq = tonumber(redis.call('HGET', KEYS[2], 'lastSeq') or '0')
local firstSeq = lastSeq + 1
local items = {}
local addedTokens = 0
for i = 2, #ARGV, 2 do
  lastSeq = lastSeq + 1
  local tokens = tonumber(ARGV[i])
  -- seq and tokens lead the object so that flush can read them without decoding the whole message.
  items[#items + 1] = string.format('{"seq":%d,"tokens":%d,', lastSeq, tokens) .. string.sub(ARGV[i + 1], 2)
  addedTokens = addedTokens + tokens
end

if #items > 0 then
  redis.call('RPUSH', KEYS[1], unpack(items))
end
local messageCount = redis.call('HINCRBY', KEYS[2], 'messageCount', #items)
local tokenCount = redis.call('HINCRBY', KEYS[2], 'tokenCount', addedTokens)
redis.call('HSET', KEYS[2], 'lastSeq', lastSeq, 'fence', fence)

return {1, firstSeq, messageCount, tokenCount, lastSeq, fence}
