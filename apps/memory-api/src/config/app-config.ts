/** Settings of one memory-api process, read from the environment once at start-up. */
export interface AppConfig {
  /** `redis://` or `rediss://` URL; without it the process runs on the embedded in-process store and lock. */
  redisUrl?: string;
  port: number;
  host: string;
  /** Lease of the `memory:<id>` lock, in ms. */
  lockTtlMs: number;
  /** How long a change waits for the `memory:<id>` lock before it answers 409, in ms. */
  lockWaitTimeoutMs: number;
  /** Largest accepted JSON body; a larger one is answered with 413. */
  maxBodyBytes: number;
  /** Prefix of every Redis key of the memory store. */
  memoryKeyPrefix: string;
  /** Whether the `/admin/locks/:name` routes exist; off, they answer 404. */
  adminEnabled: boolean;
  /** Bearer token of the admin routes, at least 16 characters; set exactly when they are on. Never logged. */
  adminToken?: string;
}

export const CONFIG_DEFAULTS = {
  port: 3000,
  host: '127.0.0.1',
  lockTtlMs: 30_000,
  lockWaitTimeoutMs: 10_000,
  maxBodyBytes: 1_048_576,
  memoryKeyPrefix: 'memapi',
  adminEnabled: false,
} as const;

/**
 * Shortest accepted `LOCK_TTL_MS`. A shorter lease can end before a change is written (a few
 * round trips to Redis), and the lease's own safety margin takes a larger share of it.
 */
export const MIN_LOCK_TTL_MS = 1_000;

/**
 * Longest accepted `LOCK_WAIT_TIMEOUT_MS`: a change that waits longer keeps its request open past
 * the point where clients and proxies have given up on it.
 */
export const MAX_LOCK_WAIT_TIMEOUT_MS = 600_000;

/** Shortest accepted `ADMIN_TOKEN`. */
export const MIN_ADMIN_TOKEN_LENGTH = 16;

/** Prefix of the lock's Redis keys (the library's default), which admin force release needs too. */
export const LOCK_KEY_PREFIX = 'memlock';

/** Injection token of the `AppConfig` object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
