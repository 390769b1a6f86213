/** Sets a value only when the token is not lower than the last accepted one (a fenced store). */
export const FENCED_SET = `
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
if tonumber(ARGV[2]) < last then return 0 end
redis.call('SET', KEYS[2], ARGV[2])
redis.call('SET', KEYS[1], ARGV[1])
return 1`;
