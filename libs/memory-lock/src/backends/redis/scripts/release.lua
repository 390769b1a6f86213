-- KEYS: lock, fencing counter, waiter queue, waiters hash
-- ARGV: owner token, notice channel
-- Returns 'released', 'expired' (nobody holds it) or 'not-owner' (another owner holds it).
local lock, fence, queue, waiters = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local token, channel = ARGV[1], ARGV[2]

local holder = redis.call('GET', lock)
if holder ~= token then
  if holder then
    return 'not-owner'
  end
  return 'expired'
end

free_and_pass_on(lock, fence, queue, waiters, channel)
return 'released'
