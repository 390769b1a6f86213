-- KEYS: lock, fencing counter, waiters hash
-- Returns {held (1 or 0), remaining lease ms, fencing token, live waiters}.
local lock, fence, waiters = KEYS[1], KEYS[2], KEYS[3]
local now = now_ms()

local remaining = redis.call('PTTL', lock)
local live = 0
local records = redis.call('HVALS', waiters)
for _, record in ipairs(records) do
  local sep = string.find(record, ':', 1, true)
  if tonumber(string.sub(record, 1, sep - 1)) >= now then
    live = live + 1
  end
end
return {remaining > 0 and 1 or 0, math.max(remaining, 0), tonumber(redis.call('GET', fence) or '0'), live}
