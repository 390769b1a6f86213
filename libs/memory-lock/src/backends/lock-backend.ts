import { LockInspection, ReleaseResult } from '../lock.options';

/** One attempt to take a lock. */
export interface AcquireRequest {
  name: string;
  ownerToken: string;
  leaseMs: number;
  fair: boolean;
  /** Whether a failed attempt keeps a place among the waiters (false for a single attempt). */
  register: boolean;
  /** How long the waiter's place stays reserved without a new attempt. */
  heartbeatMs: number;
}

export type AcquireAttempt =
  | { acquired: true; fencingToken: number; leaseMs: number }
  | { acquired: false; remainingMs: number; fencingToken: number };

export type RenewResult = 'renewed' | 'expired' | 'stolen';

/**
 * A notice about a name: it was freed, or handed straight to the waiter with `ownerToken`, under
 * the fencing token `fencingToken`.
 */
export type LockNotice =
  { type: 'released' } | { type: 'granted'; ownerToken: string; fencingToken: number };

export interface NoticeSubscription {
  unsubscribe(): void;
}

/**
 * The atomic steps a lock needs from its store. The service holds the policy (waiting, renewal,
 * cancellation, metrics); a backend only grants, renews, releases, inspects and notifies.
 * Failures reject with the backend's own error; the service wraps them.
 */
export interface LockBackend {
  /** Short name for health and metrics: `redis`, `in-memory`. */
  readonly type: string;

  tryAcquire(request: AcquireRequest): Promise<AcquireAttempt>;
  renew(name: string, ownerToken: string, leaseMs: number): Promise<RenewResult>;
  release(name: string, ownerToken: string): Promise<ReleaseResult>;
  /** Withdraws a waiter; true when the lock had been handed to it meanwhile (it is passed on). */
  leave(name: string, ownerToken: string): Promise<boolean>;
  /** Frees the lock whoever holds it, handing it to the next waiter; true when a holder was removed. */
  forceRelease(name: string): Promise<boolean>;
  inspect(name: string): Promise<LockInspection>;
  /**
   * Listens to `name` at once, with no I/O, when this process is already subscribed to it;
   * otherwise undefined (then `subscribe`).
   */
  listenIfSubscribed(
    name: string,
    listener: (notice: LockNotice) => void,
  ): NoticeSubscription | undefined;
  /** Resolves once notices for `name` will reach `listener`. */
  subscribe(name: string, listener: (notice: LockNotice) => void): Promise<NoticeSubscription>;
  /** Calls `listener` with the current availability and with each change of it. */
  watchAvailability(listener: (up: boolean) => void): void;
  /** Round-trip time of a trivial command, in ms. */
  ping(): Promise<number>;
  close(): Promise<void>;
}

export const LOCK_BACKEND = Symbol('LOCK_BACKEND');
