import type { Redis, RedisOptions } from 'ioredis';

/**
 * Connection options of the store's client. A command is never queued while disconnected: the
 * caller gets a 503 at once instead of a change that might land after it stopped waiting.
 */
export const STORE_CLIENT_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  commandTimeout: 2_000,
  connectTimeout: 5_000,
};

/** Resolves when the client is ready, or with `false` after `timeoutMs` (it keeps reconnecting). */
export function whenReady(client: Redis, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);

  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    client.on('ready', onReady);
  });
}
