/**
 * Every key of one lock shares the hash tag `{<name>}`, so on Redis Cluster the lock, its fencing
 * counter and its waiters live in one slot and one script can touch them all.
 */
export interface LockKeys {
  lock: string;
  fence: string;
  queue: string;
  waiters: string;
  channel: string;
}

export function lockKeys(prefix: string, name: string): LockKeys {
  const lock = `${prefix}:lock:{${name}}`;
  return {
    lock,
    fence: `${lock}:fence`,
    queue: `${lock}:queue`,
    waiters: `${lock}:waiters`,
    channel: `${lock}:notice`,
  };
}
