-- An operator frees a lock whoever holds it. The fencing counter is kept, so the next holder's
-- token is still higher than the removed holder's, and the store refuses the removed holder.
-- KEYS: lock, fencing counter, waiter queue, waiters hash
-- ARGV: notice channel
-- Returns 1 when a holder was removed, 0 when the lock was free.
local lock, fence, queue, waiters = KEYS[1], KEYS[2], KEYS[3], KEYS[4]

if redis.call('EXISTS', lock) == 0 then
  return 0
end
free_and_pass_on(lock, fence, queue, waiters, ARGV[1])
return 1
