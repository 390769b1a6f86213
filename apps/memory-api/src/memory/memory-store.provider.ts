import { FactoryProvider, Logger } from '@nestjs/common';
import { RedisService } from '@liaoliaots/nestjs-redis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { InMemoryMemoryStore } from './store/in-memory-memory.store';
import { MEMORY_STORE, MemoryStore } from './store/memory-store';
import { RedisMemoryStore } from './store/redis-memory.store';
import { whenReady } from './store/redis-store-connection';

/** How long start-up waits for Redis before it goes on with readiness reporting down. */
const READY_WAIT_MS = 5_000;

/** The Redis store when `REDIS_URL` is set, the embedded in-memory store otherwise. */
export const memoryStoreProvider: FactoryProvider<MemoryStore> = {
  provide: MEMORY_STORE,
  inject: [APP_CONFIG, { token: RedisService, optional: true }],
  useFactory: async (config: AppConfig, redis?: RedisService): Promise<MemoryStore> => {
    if (!config.redisUrl) return new InMemoryMemoryStore();
    if (!redis) throw new Error('REDIS_URL is set but no Redis client was registered');

    const client = redis.getOrThrow();
    if (!(await whenReady(client, READY_WAIT_MS))) {
      new Logger('MemoryStore').warn(
        `Redis did not answer within ${READY_WAIT_MS} ms; requests get 503 until it does`,
      );
    }
    return new RedisMemoryStore(client, config.memoryKeyPrefix);
  },
};
