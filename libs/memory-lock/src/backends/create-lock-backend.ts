import { RedisService } from '@liaoliaots/nestjs-redis';
import { MemoryLockModuleOptions, MODULE_DEFAULTS } from '../memory-lock.options';
import { InMemoryLockBackend } from './in-memory/in-memory-lock.backend';
import { LockBackend } from './lock-backend';
import { RedisLockBackend } from './redis/redis-lock.backend';

const NO_REDIS_MODULE =
  "MemoryLockModule with backend 'redis' uses the client of @liaoliaots/nestjs-redis: " +
  'import RedisModule.forRoot({ config: { url } }) in the application, or choose backend ' +
  "'in-memory' for a single process.";

export function createLockBackend(
  options: MemoryLockModuleOptions,
  redis: RedisService | undefined,
): LockBackend {
  const backend = options.backend ?? MODULE_DEFAULTS.backend;
  if (backend === 'in-memory') return new InMemoryLockBackend();
  if (backend !== 'redis') {
    throw new Error(
      `MemoryLockModule: unknown backend "${String(backend)}"; use 'redis' or 'in-memory'`,
    );
  }

  if (!redis) throw new Error(NO_REDIS_MODULE);
  return new RedisLockBackend(redis.getOrThrow(options.redisNamespace), {
    keyPrefix: options.keyPrefix ?? MODULE_DEFAULTS.keyPrefix,
    commandTimeoutMs: options.commandTimeoutMs ?? MODULE_DEFAULTS.commandTimeoutMs,
  });
}
