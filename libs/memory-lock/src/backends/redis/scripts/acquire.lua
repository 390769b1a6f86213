-- KEYS: lock, fencing counter, waiter queue, waiters hash
-- ARGV: owner token, lease ms, fair (1 or 0), waiter heartbeat ms, notice channel,
--       register (1 when the caller will wait and keeps a place, 0 for a single attempt)
-- Returns {1, fencing token, lease ms} when the caller holds the lock, else
-- {0, remaining lease ms, last fencing token}.
local lock, fence, queue, waiters = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local token, lease, fair = ARGV[1], tonumber(ARGV[2]), ARGV[3] == '1'
local heartbeat, channel, register = tonumber(ARGV[4]), ARGV[5], ARGV[6] == '1'
local now = now_ms()

local holder = redis.call('GET', lock)
if holder == token then
  -- Handed to this waiter on release: its lease starts now, when it claims it.
  redis.call('PEXPIRE', lock, lease)
  return {1, tonumber(redis.call('GET', fence)), lease}
end

if not holder then
  local head = redis.call('LINDEX', queue, 0)
  while head and head ~= token and not live_waiter(waiters, head, now) do
    redis.call('LPOP', queue)
    head = redis.call('LINDEX', queue, 0)
  end
  if head == token then
    redis.call('LPOP', queue)
    head = nil
  end
  if not head then
    redis.call('HDEL', waiters, token)
    redis.call('SET', lock, token, 'PX', lease)
    return {1, redis.call('INCR', fence), lease}
  end
  -- A live waiter arrived first: it gets the lock, this caller waits.
  hand_off(lock, fence, queue, waiters, channel, now)
end

if register then
  if fair and redis.call('HEXISTS', waiters, token) == 0 then
    redis.call('RPUSH', queue, token)
  end
  redis.call('HSET', waiters, token, (now + heartbeat) .. ':' .. lease .. ':' .. heartbeat)
  keep_for(waiters, heartbeat * 2)
  if fair then
    keep_for(queue, heartbeat * 2)
  end
end
return {0, math.max(redis.call('PTTL', lock), 0), tonumber(redis.call('GET', fence) or '0')}
