import {
  AcquireAttempt,
  LockBackend,
  LockNotice,
  NoticeSubscription,
} from '../backends/lock-backend';
import { LockBackendError, LockTimeoutError } from '../errors';
import { PendingReleases } from './pending-releases';
import { ResolvedLockOptions } from './resolve-lock-options';

export interface Grant {
  fencingToken: number;
  leaseMs: number;
  /** Local time at which the winning attempt was sent. */
  grantedFrom: number;
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
    try {
      for (;;) {
        this.options.signal?.throwIfAborted();
        const grantedFrom = Date.now();
        const attempt = await this.attempt(waitsAtAll);
        if (attempt.acquired) return { ...attempt, grantedFrom };

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
        heartbeatMs: this.recheckMs * 4,
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

  private onNotice(notice: LockNotice): void {
    if (notice.type === 'granted' && notice.ownerToken !== this.ownerToken) return;
    this.noticed = true;
    this.wake?.();
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
