import { LockOptions } from './lock.options';

/** Options of `MemoryLockModule.forRoot()` / `forRootAsync()`. */
export interface MemoryLockModuleOptions {
  /**
   * `redis` (default) uses the client that `@liaoliaots/nestjs-redis` registered under `redisNamespace`;
   * `in-memory` keeps locks inside this process, for one replica and for development.
   */
  backend?: 'redis' | 'in-memory';
  /** Namespace of the `@liaoliaots/nestjs-redis` client to use. Default: its default client. */
  redisNamespace?: string;
  /** Prefix of every Redis key and channel of the lock. Default `memlock`. */
  keyPrefix?: string;
  /** Defaults for every acquisition; each call may override them. */
  defaults?: Omit<LockOptions, 'signal'>;
  /** Longest a single Redis command may take before it counts as failed, in ms. Default 2 000. */
  commandTimeoutMs?: number;
  /** Longest a waiter sleeps before it checks the lock again, even without a release notice. Default 250. */
  recheckMs?: number;
}

export const MODULE_DEFAULTS = {
  backend: 'redis',
  keyPrefix: 'memlock',
  commandTimeoutMs: 2_000,
  recheckMs: 250,
} as const;
