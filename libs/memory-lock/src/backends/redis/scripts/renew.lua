-- KEYS: lock
-- ARGV: owner token, lease ms
-- Returns 1 when renewed, 0 when the lock is gone, -1 when another owner holds it.
-- It never creates the lock: a late renewal cannot take back what someone else now holds.
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if holder then
  return -1
end
return 0
