export { MemoryLockModule } from './memory-lock.module';
export { MEMORY_LOCK_OPTIONS } from './memory-lock.module-definition';
export { MemoryLockModuleOptions, MODULE_DEFAULTS } from './memory-lock.options';
export {
  LockOptions,
  LockHandle,
  LockInspection,
  ReleaseResult,
  LOCK_DEFAULTS,
  MAX_LOCK_NAME_BYTES,
} from './lock.options';
export { DistributedLockService } from './service/distributed-lock.service';
export { currentLock } from './service/lock-context';
export { WithLock, WITH_LOCK_SERVICE, LockNameFrom } from './decorator/with-lock.decorator';
export { LockHealthIndicator, HEALTH_PROBE_PREFIX } from './health/lock-health.indicator';
export { LOCK_METRIC } from './metrics/lock-metrics.providers';
export { LockBackend, LOCK_BACKEND } from './backends/lock-backend';
export { lockKeys } from './backends/redis/lock-keys';
export * from './errors';
