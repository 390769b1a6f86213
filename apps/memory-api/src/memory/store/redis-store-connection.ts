import { Logger } from '@nestjs/common';
import type { Redis, RedisOptions } from 'ioredis';

/**
 * Connection options of the app's Redis client. A command is never queued while disconnected: the
 * caller gets a 503 at once instead of a change that might land after it stopped waiting.
 * Reconnects back off to at most one second, so service resumes soon after Redis does.
 */
export const STORE_CLIENT_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  commandTimeout: 2_000,
  connectTimeout: 5_000,
  retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
};

/**
 * Logs when the connection is lost and when it is back, once each, instead of every failed
 * reconnect attempt.
 */
export function logConnectionChanges(client: Redis, logger = new Logger('RedisConnection')): void {
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn(`Redis connection lost (${error.message}); reconnecting`);
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.log('Redis connection recovered');
  });
}

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
