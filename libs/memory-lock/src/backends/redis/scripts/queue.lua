-- Shared by the scripts that grant, release or give up a lock; prepended to each of them.
-- A waiter record in the waiters hash is "<heartbeat deadline ms>:<lease ms>:<heartbeat ms>".

local function now_ms()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end

-- The lease and heartbeat of a live waiter, or nil once its heartbeat has lapsed (its record is
-- dropped).
local function live_waiter(waiters, token, now)
  local record = redis.call('HGET', waiters, token)
  if not record then
    return nil
  end
  local deadline, lease, heartbeat = string.match(record, '^(%d+):(%d+):(%d+)$')
  if tonumber(deadline) < now then
    redis.call('HDEL', waiters, token)
    return nil
  end
  return tonumber(lease), tonumber(heartbeat)
end

-- Gives a free lock straight to the oldest live queued waiter, skipping lapsed ones.
-- The waiter wakes on the notice (which carries the fencing token) already holding the lock. Until
-- it claims the lock (which starts its full lease) the grant lasts one heartbeat, so a waiter that died in the queue holds up the
-- next one for a heartbeat, not a lease. Returns true when it granted.
local function hand_off(lock, fence, queue, waiters, channel, now)
  while true do
    local head = redis.call('LPOP', queue)
    if not head then
      return false
    end
    local lease, heartbeat = live_waiter(waiters, head, now)
    if lease then
      redis.call('HDEL', waiters, head)
      redis.call('SET', lock, head, 'PX', math.min(lease, heartbeat))
      local fencing = redis.call('INCR', fence)
      redis.call('PUBLISH', channel, 'granted:' .. head .. ':' .. fencing)
      return true
    end
  end
end

-- Frees the lock and passes it on, or tells the other waiters that it is free.
local function free_and_pass_on(lock, fence, queue, waiters, channel)
  redis.call('DEL', lock)
  if not hand_off(lock, fence, queue, waiters, channel, now_ms()) then
    redis.call('PUBLISH', channel, 'released')
  end
end

-- Keeps a bookkeeping key alive at least as long as the longest heartbeat that touched it.
local function keep_for(key, ms)
  if redis.call('PTTL', key) < ms then
    redis.call('PEXPIRE', key, ms)
  end
end
