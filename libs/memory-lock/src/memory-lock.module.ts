import { DynamicModule, Module } from '@nestjs/common';
import { RedisService } from '@liaoliaots/nestjs-redis';
import { TerminusModule } from '@nestjs/terminus';
import { createLockBackend } from './backends/create-lock-backend';
import { LOCK_BACKEND } from './backends/lock-backend';
import { WITH_LOCK_SERVICE } from './decorator/with-lock.decorator';
import { LockHealthIndicator } from './health/lock-health.indicator';
import {
  ConfigurableMemoryLockModule,
  MEMORY_LOCK_OPTIONS,
  OPTIONS_TYPE,
} from './memory-lock.module-definition';
import { MemoryLockModuleOptions } from './memory-lock.options';
import { BackendMonitor } from './metrics/backend-monitor';
import { LockMetrics } from './metrics/lock-metrics';
import { LOCK_METRIC_PROVIDERS } from './metrics/lock-metrics.providers';
import { DistributedLockService } from './service/distributed-lock.service';

/**
 * Distributed locks for Nest. Global by default (`isGlobal: false` to scope it).
 *
 * @example
 * imports: [
 *   RedisModule.forRoot({ config: { url: process.env.REDIS_URL } }),
 *   MemoryLockModule.forRoot({ defaults: { ttlMs: 30_000 } }),
 * ]
 */
@Module({
  imports: [TerminusModule],
  providers: [
    ...LOCK_METRIC_PROVIDERS,
    LockMetrics,
    {
      provide: LOCK_BACKEND,
      inject: [MEMORY_LOCK_OPTIONS, { token: RedisService, optional: true }],
      useFactory: (options: MemoryLockModuleOptions, redis?: RedisService) =>
        createLockBackend(options, redis),
    },
    BackendMonitor,
    DistributedLockService,
    LockHealthIndicator,
    { provide: WITH_LOCK_SERVICE, useExisting: DistributedLockService },
  ],
  exports: [DistributedLockService, LockHealthIndicator, WITH_LOCK_SERVICE],
})
export class MemoryLockModule extends ConfigurableMemoryLockModule {
  /** Registers the module; every option has a default, so `forRoot()` alone is enough. */
  static override forRoot(options: typeof OPTIONS_TYPE = {}): DynamicModule {
    return super.forRoot(options);
  }
}
