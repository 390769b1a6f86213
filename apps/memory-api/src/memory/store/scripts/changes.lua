-- Shared by the scripts that change a memory; put before each of them.
-- KEYS[1] is the memory's message list, KEYS[2] its meta hash (messageCount, tokenCount, lastSeq,
-- fence); ARGV[1] is the fencing token of the change.

-- The last accepted fencing token when the change's token is lower (the change is stale), else nil.
local function stale_fence()
  local last = tonumber(redis.call('HGET', KEYS[2], 'fence') or '0')
  if tonumber(ARGV[1]) < last then
    return last
  end
  return nil
end

-- Pushes the messages of ARGV (from index 2, per message its tokens, then its JSON object without
-- seq and tokens) onto the list, continuing the memory's sequence: a seq is never given out twice.
-- seq and tokens lead each stored object so that flush can read them without decoding the message.
-- Returns the last seq, the number of messages and their tokens.
local function push_messages()
  local lastSeq = tonumber(redis.call('HGET', KEYS[2], 'lastSeq') or '0')
  local items = {}
  local tokens = 0
  for i = 2, #ARGV, 2 do
    lastSeq = lastSeq + 1
    local messageTokens = tonumber(ARGV[i])
    items[#items + 1] = string.format('{"seq":%d,"tokens":%d,', lastSeq, messageTokens)
      .. string.sub(ARGV[i + 1], 2)
    tokens = tokens + messageTokens
  end
  if #items > 0 then
    redis.call('RPUSH', KEYS[1], unpack(items))
  end
  return lastSeq, #items, tokens
end
