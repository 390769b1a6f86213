-- A waiter gives up. If the lock was handed to it meanwhile, it is passed on at once.
-- KEYS: lock, fencing counter, waiter queue, waiters hash
-- ARGV: owner token, notice channel
-- Returns 1 when the waiter had been granted the lock (and released it), else 0.
local lock, fence, queue, waiters = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local token, channel = ARGV[1], ARGV[2]

redis.call('HDEL', waiters, token)
redis.call('LREM', queue, 0, token)
if redis.call('GET', lock) == token then
  free_and_pass_on(lock, fence, queue, waiters, channel)
  return 1
end
return 0
