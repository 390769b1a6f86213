import {
  AcquireAttempt,
  LockBackend,
  LockNotice,
  NoticeSubscription,
} from '../backends/lock-backend';
import { LockBackendError, LockTimeoutError } from '../errors';
import { driftMs } from './held-lock';
import { PendingReleases } from './pending-releases';
import { ResolvedLockOptions } from './resolve-lock-options';

export interface Grant {
  fencingToken: number;
  /** How long the grant is valid from `grantedFrom` until it is claimed or renewed. */
  validForMs: number;
  /** Local time from which the validity is counted (no later than the grant in Redis). */
  grantedFrom: number;
  /** A handed-over grant still has to be claimed: its full lease starts with the first renewal. */
  claimPending: boolean;
}

/** First backoff step of an unfair waiter, in ms; it doubles per attempt up to the re-check bound. */
const BACKOFF_BASE_MS = 5;

/**
 * One acquire's wait. It listens for release notices before it tries again, so a release between
 * two attempts is never missed, and re-checks on a bounded timer in case a notice is lost. A fair
 * waiter keeps its place in the queue with each re-check; on release the lock is handed to it.
 */
export class LockWaiter {
  private attempts = 0;
  private subscription?: NoticeSubscription;
  private noticed = false;
  private wake?: () => void;
  /** When the last attempt that found the lock taken was sent, and the fencing token it saw. */
  private lastRefused?: { sentAt: number; fencingToken: number };
  /** The fencing token of a handoff to this waiter, announced by a notice. */
  private handedOver?: number;

  constructor(
    private readonly backend: LockBackend,
    private readonly name: string,
    private readonly ownerToken: string,
    private readonly options: ResolvedLockOptions,
    private readonly recheckMs: number,
    private readonly pending: PendingReleases,
  ) {}

  /** Resolves with the grant, or rejects with a timeout, the abort reason or a backend error. */
  async wait(): Promise<Grant> {
    const started = performance.now();
    const waitsAtAll = this.options.waitTimeoutMs > 0;
    // Listening before the first attempt (when that costs no I/O) means no notice after it is missed.
    if (waitsAtAll) {
      this.subscription = this.backend.listenIfSubscribed(this.name, (notice) =>
        this.onNotice(notice),
      );
    }
    try {
      for (;;) {
        this.options.signal?.throwIfAborted();
        const handOff = this.handOffWithoutClaim();
        if (handOff) return handOff;

        const sentAt = Date.now();
        const attempt = await this.attempt(waitsAtAll);
        if (attempt.acquired) {
          const { fencingToken, leaseMs } = attempt;
          return { fencingToken, validForMs: leaseMs, grantedFrom: sentAt, claimPending: false };
        }
        this.lastRefused = { sentAt, fencingToken: attempt.fencingToken };

        const remaining = started + this.options.waitTimeoutMs - performance.now();
        if (!waitsAtAll || remaining <= 0) {
          throw new LockTimeoutError(
            this.name,
            Math.round(performance.now() - started),
            this.attempts,
          );
        }
        if (!this.subscription && (await this.subscribe())) continue;
        await this.pause(Math.min(remaining, this.nextPause(attempt.remainingMs)));
      }
    } catch (error) {
      if (waitsAtAll || error instanceof LockBackendError) await this.withdraw();
      throw error;
    } finally {
      this.subscription?.unsubscribe();
    }
  }

  private async attempt(register: boolean): Promise<AcquireAttempt> {
    this.attempts += 1;
    try {
      return await this.backend.tryAcquire({
        name: this.name,
        ownerToken: this.ownerToken,
        leaseMs: this.options.ttlMs,
        fair: this.options.fair,
        register,
        heartbeatMs: this.heartbeatMs,
      });
    } catch (error) {
      throw new LockBackendError(this.name, 'acquire', error);
    }
  }

  /** True once notices arrive; without them the waiter still re-checks on its timer. */
  private async subscribe(): Promise<boolean> {
    try {
      this.subscription = await this.backend.subscribe(this.name, (notice) =>
        this.onNotice(notice),
      );
      return true;
    } catch {
      return false;
    }
  }

  private get heartbeatMs(): number {
    return this.recheckMs * 4;
  }

  private onNotice(notice: LockNotice): void {
    if (notice.type === 'granted') {
      if (notice.ownerToken !== this.ownerToken) return;
      this.handedOver = notice.fencingToken;
    }
    this.noticed = true;
    this.wake?.();
  }

  /**
   * A handoff announced by a notice, usable at once. The grant came after the last attempt that
   * found the lock taken (its fencing token is higher than the one that attempt saw), so its
   * window (the shorter of the lease and one heartbeat) lasts at least until that attempt's send
   * time plus the window. The
   * holder claims the full lease in the background; a handoff too close to that bound is claimed
   * by a normal attempt instead.
   */
  private handOffWithoutClaim(): Grant | undefined {
    const fencingToken = this.handedOver;
    const refused = this.lastRefused;
    this.handedOver = undefined;
    if (fencingToken === undefined || !refused || fencingToken <= refused.fencingToken) {
      return undefined;
    }
    // The release script grants a handoff for the shorter of the lease and one heartbeat.
    const window = Math.min(this.options.ttlMs, this.heartbeatMs);
    const usableUntil = refused.sentAt + window - driftMs(window);
    if (Date.now() + Math.min(this.recheckMs, window / 2) >= usableUntil) return undefined;
    return { fencingToken, validForMs: window, grantedFrom: refused.sentAt, claimPending: true };
  }

  private nextPause(remainingLeaseMs: number): number {
    if (this.options.fair) return this.recheckMs;
    const cap = Math.min(this.recheckMs, BACKOFF_BASE_MS * 2 ** Math.min(this.attempts, 16));
    const jittered = Math.random() * cap;
    return remainingLeaseMs > 0 ? Math.min(jittered, remainingLeaseMs + 1) : jittered;
  }

  private pause(ms: number): Promise<void> {
    if (this.noticed) {
      this.noticed = false;
      return Promise.resolve();
    }
    const signal = this.options.signal;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.wake = undefined;
        this.noticed = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  /**
   * Leaves the queue; a grant that raced the give-up is released by the backend in the same step.
   * If Redis does not answer, the release is retried in the background until it does.
   */
  private async withdraw(): Promise<void> {
    try {
      await this.backend.leave(this.name, this.ownerToken);
    } catch {
      this.pending.add(this.name, this.ownerToken, this.options.ttlMs);
    }
  }
}
