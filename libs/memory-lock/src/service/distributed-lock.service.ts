import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { LOCK_BACKEND, LockBackend } from '../backends/lock-backend';
import { LockBackendError, LockTimeoutError } from '../errors';
import { LockHandle, LockInspection, LockOptions } from '../lock.options';
import { MEMORY_LOCK_OPTIONS } from '../memory-lock.module-definition';
import { MemoryLockModuleOptions, MODULE_DEFAULTS } from '../memory-lock.options';
import { AcquireOutcome, LockMetrics } from '../metrics/lock-metrics';
import { HeldLock, HeldLockDeps } from './held-lock';
import { heldLock, runHolding } from './lock-context';
import { LockWaiter } from './lock-waiter';
import { PendingReleases } from './pending-releases';
import { assertLockName, ResolvedLockOptions, resolveLockOptions } from './resolve-lock-options';

/**
 * Distributed locks with owner tokens, renewed leases, loss signals and fencing tokens.
 *
 * @example
 * await locks.withLock(`memory:${id}`, async (lock) => {
 *   await store.append(id, messages, lock.fencingToken);
 * }, { kind: 'memory' });
 */
@Injectable()
export class DistributedLockService implements OnApplicationShutdown {
  private readonly logger = new Logger(DistributedLockService.name);
  private readonly renewalsFailing = new Set<HeldLock>();
  private readonly held = new Set<HeldLock>();
  private readonly lockDeps: HeldLockDeps;
  private readonly pending: PendingReleases;

  constructor(
    @Inject(LOCK_BACKEND) private readonly backend: LockBackend,
    @Inject(MEMORY_LOCK_OPTIONS) private readonly options: MemoryLockModuleOptions,
    private readonly metrics: LockMetrics,
  ) {
    this.pending = new PendingReleases(backend);
    this.lockDeps = {
      pending: this.pending,
      backend,
      metrics,
      logger: this.logger,
      onRenewalFailing: (lock, failing) => this.setRenewalFailing(lock, failing),
      onEnded: (lock) => {
        this.held.delete(lock);
        this.setRenewalFailing(lock, false);
      },
    };
  }

  /** The backend's short name: `redis` or `in-memory`. */
  get backendType(): string {
    return this.backend.type;
  }

  /** True while some held lock's renewals are failing and have not recovered yet. */
  get renewalsAreFailing(): boolean {
    return this.renewalsFailing.size > 0;
  }

  /**
   * Waits for the lock and returns its handle. Inside `withLock` for the same name, returns the
   * held lock again (counted) instead of waiting for itself.
   *
   * @throws InvalidLockOptionsError before any I/O; LockTimeoutError; LockBackendError; the
   *   signal's reason when aborted.
   */
  acquire(name: string, options: LockOptions = {}): Promise<LockHandle> {
    const resolved = resolveLockOptions(name, options, this.options.defaults);
    const outer = heldLock(name);
    if (outer instanceof HeldLock && !outer.lost && !outer.isReleased) {
      return Promise.resolve(outer.reenter());
    }
    return this.acquireFresh(name, resolved);
  }

  private async acquireFresh(name: string, resolved: ResolvedLockOptions): Promise<HeldLock> {
    resolved.signal?.throwIfAborted();

    const ownerToken = randomBytes(16).toString('hex');
    const started = performance.now();
    this.metrics.waitStarted(resolved.kind);
    let outcome: AcquireOutcome = 'error';
    try {
      const waiter = new LockWaiter(
        this.backend,
        name,
        ownerToken,
        resolved,
        this.recheckMs,
        this.pending,
      );
      const grant = await waiter.wait();
      const lock = new HeldLock(
        { name, kind: resolved.kind, ownerToken, autoRenew: resolved.autoRenew, ...grant },
        this.lockDeps,
      );
      outcome = 'acquired';
      this.held.add(lock);
      if (resolved.signal?.aborted) {
        await lock.release().catch(() => undefined);
        outcome = 'aborted';
        throw resolved.signal.reason;
      }
      return lock;
    } catch (error) {
      if (outcome !== 'aborted') outcome = classify(error, resolved.signal);
      throw error;
    } finally {
      this.metrics.waitEnded(resolved.kind, outcome, (performance.now() - started) / 1000);
    }
  }

  /** Makes exactly one attempt; resolves with the handle, or null when someone else holds it. */
  tryAcquire(
    name: string,
    options: Omit<LockOptions, 'waitTimeoutMs'> = {},
  ): Promise<LockHandle | null> {
    return this.acquire(name, { ...options, waitTimeoutMs: 0 }).catch((error: unknown) => {
      if (error instanceof LockTimeoutError) return null;
      throw error;
    });
  }

  /**
   * Acquires the lock, runs `fn` with its handle and releases it in every outcome. `fn` should
   * stop when `handle.signal` fires: the lock was lost.
   */
  withLock<T>(
    name: string,
    fn: (handle: LockHandle) => Promise<T> | T,
    options: LockOptions = {},
  ): Promise<T> {
    return this.runLocked(this.acquire(name, options), name, fn);
  }

  private async runLocked<T>(
    acquiring: Promise<LockHandle>,
    name: string,
    fn: (handle: LockHandle) => Promise<T> | T,
  ): Promise<T> {
    const handle = await acquiring;
    try {
      return await runHolding(handle, () => fn(handle));
    } finally {
      await handle.release().catch((error: unknown) => this.logReleaseFailure(name, error));
    }
  }

  /** Takes several locks in one sorted order, so two callers can never deadlock, then runs `fn`. */
  withLocks<T>(
    names: string[],
    fn: (handles: LockHandle[]) => Promise<T> | T,
    options: LockOptions = {},
  ): Promise<T> {
    names.forEach((name) => resolveLockOptions(name, options, this.options.defaults));
    const ordered = [...new Set(names)].sort();
    const takeFrom = async (index: number, handles: LockHandle[]): Promise<T> => {
      if (index === ordered.length) return fn(handles);
      return this.withLock(
        ordered[index],
        (handle) => takeFrom(index + 1, [...handles, handle]),
        options,
      );
    };
    return takeFrom(0, []);
  }

  /** What the backend knows of a name now: held, remaining lease, fencing token, waiters. */
  async inspect(name: string): Promise<LockInspection> {
    assertLockName(name);
    try {
      return await this.backend.inspect(name);
    } catch (error) {
      throw new LockBackendError(name, 'inspect', error);
    }
  }

  /**
   * Frees a lock whoever holds it (an operator's tool for a stuck holder) and hands it to the next
   * waiter. The fencing counter is kept: the removed holder's writes are refused by a fenced store,
   * and its handle learns of the loss at its next renewal. Resolves true when a holder was removed.
   */
  async forceRelease(name: string): Promise<boolean> {
    assertLockName(name);
    try {
      return await this.backend.forceRelease(name);
    } catch (error) {
      throw new LockBackendError(name, 'forceRelease', error);
    }
  }

  /** Round trip to the backend, in ms. */
  async ping(): Promise<number> {
    return this.backend.ping();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.held].map((lock) => lock.release()));
    await this.pending.flush();
    await this.backend.close();
  }

  private get recheckMs(): number {
    return this.options.recheckMs ?? MODULE_DEFAULTS.recheckMs;
  }

  private setRenewalFailing(lock: HeldLock, failing: boolean): void {
    const wasFailing = this.renewalsAreFailing;
    if (failing) this.renewalsFailing.add(lock);
    else this.renewalsFailing.delete(lock);
    if (wasFailing !== this.renewalsAreFailing) {
      this.logger.warn(
        this.renewalsAreFailing ? 'Lease renewals are failing' : 'Lease renewals recovered',
      );
    }
  }

  private logReleaseFailure(name: string, error: unknown): void {
    this.logger.warn(
      `Release of "${name}" failed; its lease will run out on its own: ${String(error)}`,
    );
  }
}

function classify(error: unknown, signal?: AbortSignal): AcquireOutcome {
  if (signal?.aborted && error === signal.reason) return 'aborted';
  if (error instanceof LockTimeoutError) return 'timeout';
  return 'error';
}
