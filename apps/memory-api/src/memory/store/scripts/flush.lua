-- Removes the oldest messages of one memory until it holds at most maxMessages messages and
-- maxTokens tokens, unless a change with a higher fencing token was accepted before.
-- KEYS[1] message list, KEYS[2] meta hash (messageCount, tokenCount, lastSeq, fence)
-- ARGV[1] fencing token, ARGV[2] maxMessages, ARGV[3] maxTokens ('' for no limit)
-- Returns {1, trimmedSeqs, trimmedTokens, messageCount, tokenCount, lastSeq, fence}
-- or {0, lastFence} when stale.
local fence = tonumber(ARGV[1])
local lastFence = stale_fence()
if lastFence then
  return {0, lastFence}
end

local maxMessages = tonumber(ARGV[2])
local maxTokens = tonumber(ARGV[3])
local messageCount = tonumber(redis.call('HGET', KEYS[2], 'messageCount') or '0')
local tokenCount = tonumber(redis.call('HGET', KEYS[2], 'tokenCount') or '0')
local trimmedSeqs = {}
local trimmedTokens = 0

while (maxMessages and messageCount > maxMessages) or (maxTokens and tokenCount > maxTokens) do
  local oldest = redis.call('LPOP', KEYS[1])
  if not oldest then
    break
  end
  local seq, tokens = string.match(oldest, '^{"seq":(%d+),"tokens":(%d+),')
  trimmedSeqs[#trimmedSeqs + 1] = tonumber(seq)
  trimmedTokens = trimmedTokens + tonumber(tokens)
  messageCount = messageCount - 1
  tokenCount = tokenCount - tonumber(tokens)
end

redis.call('HSET', KEYS[2], 'messageCount', messageCount, 'tokenCount', tokenCount, 'fence', fence)
local lastSeq = tonumber(redis.call('HGET', KEYS[2], 'lastSeq') or '0')

return {1, trimmedSeqs, trimmedTokens, messageCount, tokenCount, lastSeq, fence}
