/** Options of one acquisition. Every field has a default in `LOCK_DEFAULTS` or the module options. */
export interface LockOptions {
  /** Lease length in ms: how long the lock lives without renewal. Default 30 000. */
  ttlMs?: number;
  /** How long to wait for a held lock, in ms; `0` tries once, `Infinity` waits until aborted. Default 10 000. */
  waitTimeoutMs?: number;
  /** Short label for metrics (`memory`, `billing`); never a per-resource value. Default `default`. */
  kind?: string;
  /** Cancels the wait. A grant that races the cancel is released before the call rejects. */
  signal?: AbortSignal;
  /** Grant in arrival order across processes, with direct handoff on release. Default true. */
  fair?: boolean;
  /** Renew the lease while held (every third of `ttlMs`). Default true. */
  autoRenew?: boolean;
}

/** What a release did: it released the lock, the lease had already run out, or another owner held it. */
export type ReleaseResult = 'released' | 'expired' | 'not-owner';

/** A held lock. */
export interface LockHandle {
  readonly name: string;
  readonly kind: string;
  /** 128 random bits, hex; only this token can renew or release the lock. */
  readonly ownerToken: string;
  /** Grows with every grant of this name; hand it to the store so it can refuse stale writers. */
  readonly fencingToken: number;
  /** Local time (ms since epoch) by which the lease ends unless renewed; moves with each renewal. */
  readonly expiresAt: number;
  /** Fires with a `LockLostError` as its reason when the lock is lost. */
  readonly signal: AbortSignal;
  /** Releases the lock. Idempotent: later calls return the first call's result without I/O. */
  release(): Promise<ReleaseResult>;
}

/** What `inspect()` tells about a name. */
export interface LockInspection {
  name: string;
  held: boolean;
  /** Remaining lease in ms, or 0 when free. */
  remainingMs: number;
  /** Last fencing token granted for this name, 0 if never granted. */
  fencingToken: number;
  /** Waiters that announced themselves and are still alive. */
  waiters: number;
}

export const LOCK_DEFAULTS = {
  ttlMs: 30_000,
  waitTimeoutMs: 10_000,
  kind: 'default',
  fair: true,
  autoRenew: true,
} as const;

/** Longest lock name, in UTF-8 bytes. */
export const MAX_LOCK_NAME_BYTES = 512;
/** Shortest lease: below it the drift margin and one round trip use up the whole lease. */
export const MIN_LEASE_MS = 10;
/** Largest lease or wait that timers can represent (2^31 - 1 ms). */
export const MAX_TIMER_MS = 2 ** 31 - 1;
