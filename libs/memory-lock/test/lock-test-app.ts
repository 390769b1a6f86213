import { RedisModule } from '@liaoliaots/nestjs-redis';
import { INestApplicationContext, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DistributedLockService, MemoryLockModule, MemoryLockModuleOptions } from '../src';

export interface LockTestApp {
  app: INestApplicationContext;
  locks: DistributedLockService;
  close(): Promise<void>;
}

/** A Nest application context with the lock module on the given Redis (or in memory). */
export async function lockTestApp(
  redisUrl: string | undefined,
  options: MemoryLockModuleOptions = {},
  metadata: ModuleMetadata = {},
): Promise<LockTestApp> {
  const imports = [
    ...(redisUrl
      ? [RedisModule.forRoot({ config: { url: redisUrl, maxRetriesPerRequest: 1 } })]
      : []),
    MemoryLockModule.forRoot({ backend: redisUrl ? 'redis' : 'in-memory', ...options }),
    ...(metadata.imports ?? []),
  ];
  const moduleRef = await Test.createTestingModule({ ...metadata, imports }).compile();
  moduleRef.enableShutdownHooks();
  const app = await moduleRef.init();
  return {
    app,
    locks: app.get(DistributedLockService),
    close: () => app.close(),
  };
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
