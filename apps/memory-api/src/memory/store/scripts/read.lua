-- Reads one page of a memory together with its counts, in one step so that they agree.
-- KEYS[1] message list, KEYS[2] meta hash
-- ARGV[1] first index, ARGV[2] last index (inclusive)
-- Returns {messageCount, tokenCount, {message JSON, ...}}
local counts = redis.call('HMGET', KEYS[2], 'messageCount', 'tokenCount')
local messages = redis.call('LRANGE', KEYS[1], ARGV[1], ARGV[2])

return {tonumber(counts[1] or '0'), tonumber(counts[2] or '0'), messages}
