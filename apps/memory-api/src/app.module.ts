import { DynamicModule, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { RedisModule } from '@liaoliaots/nestjs-redis';
import { MemoryLockModule } from '@memory-lock/core';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { AdminModule } from './admin/admin.module';
import { DomainErrorFilter } from './common/filters/domain-error.filter';
import { createValidationPipe } from './common/http/create-validation-pipe';
import { AppConfig, LOCK_KEY_PREFIX } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { HealthModule } from './health/health.module';
import { MemoryModule } from './memory/memory.module';
import { logConnectionChanges, STORE_CLIENT_OPTIONS } from './memory/store/redis-store-connection';
import { MetricsModule } from './metrics/metrics.module';
import { prometheusOptions } from './metrics/prometheus-options';

/**
 * The memory API for one parsed configuration. With `redisUrl` the store and the lock live in
 * Redis; without it both are embedded in this process. The admin routes exist only when enabled.
 */
@Module({})
export class AppModule implements OnApplicationShutdown {
  static forRoot(config: AppConfig): DynamicModule {
    const redis = config.redisUrl
      ? [
          RedisModule.forRoot({
            errorLog: false,
            config: {
              url: config.redisUrl,
              ...STORE_CLIENT_OPTIONS,
              onClientCreated: (client) => logConnectionChanges(client),
            },
          }),
        ]
      : [];

    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ...redis,
        MemoryLockModule.forRoot({
          backend: config.redisUrl ? 'redis' : 'in-memory',
          keyPrefix: LOCK_KEY_PREFIX,
          defaults: { ttlMs: config.lockTtlMs, waitTimeoutMs: config.lockWaitTimeoutMs },
        }),
        PrometheusModule.register(prometheusOptions()),
        MetricsModule,
        MemoryModule,
        HealthModule,
        ...(config.adminEnabled ? [AdminModule] : []),
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
      ],
    };
  }

  onApplicationShutdown(signal?: string): void {
    new Logger('MemoryApi').log(`memory-api shut down${signal ? ` (${signal})` : ''}`);
  }
}
