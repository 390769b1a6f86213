-- Frees a lock whoever holds it, and tells its waiters that it is free.
-- KEYS[1] the lock key
-- ARGV[1] the lock's notice channel
-- The fencing counter is not touched: the next grant gets a higher token than every earlier one,
-- so a write of the holder that was removed is refused once the next holder has written.
-- Returns 1 when a holder was removed, 0 when the lock was free.
local removed = redis.call('DEL', KEYS[1])
redis.call('PUBLISH', ARGV[1], 'released')
return removed
