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
import { ProcessLocks, SHUTTING_DOWN } from './process-locks';
import { ReentrantHold } from './reentrant-hold';
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
  private readonly local = new ProcessLocks(this.logger);
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
      onRenewalFailing: (lock, failing) => this.local.setRenewalFailing(lock, failing),
      onEnded: (lock) => this.local.ended(lock),
    };
  }

  /** The backend's short name: `redis` or `in-memory`. */
  get backendType(): string {
    return this.backend.type;
  }

  /** True while some held lock's renewals are failing and have not recovered yet. */
  get renewalsAreFailing(): boolean {
    return this.local.renewalsAreFailing;
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
    const root = outer instanceof ReentrantHold ? outer.root : outer;
    if (root instanceof HeldLock && !root.lost && !root.isReleased) {
      if (resolved.signal?.aborted) return Promise.reject(resolved.signal.reason);
      return Promise.resolve(root.reenter());
    }
    return this.acquireFresh(name, resolved);
  }

  private async acquireFresh(name: string, resolved: ResolvedLockOptions): Promise<HeldLock> {
    resolved.signal?.throwIfAborted();
    if (this.local.isStopping) throw new Error(SHUTTING_DOWN);

    // One signal for the caller's cancel and for shutdown, which withdraws every local waiter.
    const cancel = new AbortController();
    const callerSignal = resolved.signal;
    const forwardCancel = () => cancel.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', forwardCancel, { once: true });
    this.local.startWaiting(cancel);

    const ownerToken = randomBytes(16).toString('hex');
    const started = performance.now();
    this.metrics.waitStarted(resolved.kind);
    let outcome: AcquireOutcome = 'error';
    try {
      const options = { ...resolved, signal: cancel.signal };
      const waiter = new LockWaiter(
        this.backend,
        name,
        ownerToken,
        options,
        this.recheckMs,
        this.pending,
      );
      const grant = await waiter.wait();
      const lock = new HeldLock(
        {
          name,
          kind: resolved.kind,
          ownerToken,
          leaseMs: resolved.ttlMs,
          autoRenew: resolved.autoRenew,
          ...grant,
        },
        this.lockDeps,
      );
      this.local.holding(lock);
      if (cancel.signal.aborted) {
        await lock.release().catch(() => undefined);
        outcome = 'aborted';
        throw cancel.signal.reason;
      }
      outcome = 'acquired';
      return lock;
    } catch (error) {
      if (outcome !== 'aborted') outcome = classify(error, cancel.signal);
      throw error;
    } finally {
      callerSignal?.removeEventListener('abort', forwardCancel);
      this.local.stopWaiting(cancel);
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

  /**
   * Takes several locks in one sorted order, so two callers can never deadlock, then runs `fn` with
   * the handles in the order of `names` (a repeated name gets the same handle).
   */
  withLocks<T>(
    names: string[],
    fn: (handles: LockHandle[]) => Promise<T> | T,
    options: LockOptions = {},
  ): Promise<T> {
    names.forEach((name) => resolveLockOptions(name, options, this.options.defaults));
    const ordered = [...new Set(names)].sort();
    const takeFrom = async (index: number, held: Map<string, LockHandle>): Promise<T> => {
      if (index === ordered.length) return fn(names.map((name) => held.get(name)!));
      const name = ordered[index];
      const next = (handle: LockHandle) => takeFrom(index + 1, new Map(held).set(name, handle));
      return this.withLock(name, next, options);
    };
    return takeFrom(0, new Map());
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

  /**
   * Withdraws this process's waiters first (so a release cannot hand a lock to a waiter that is
   * going away), then releases held locks, signalling their holders, then closes the backend.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.local.shutdown();
    await this.pending.flush();
    await this.backend.close();
  }

  private get recheckMs(): number {
    return this.options.recheckMs ?? MODULE_DEFAULTS.recheckMs;
  }

  /** Debug only: an outage is logged once by the backend monitor, not once per release. */
  private logReleaseFailure(name: string, error: unknown): void {
    this.logger.debug(
      `Release of "${name}" failed; it is retried in the background: ${String(error)}`,
    );
  }
}

function classify(error: unknown, signal?: AbortSignal): AcquireOutcome {
  if (signal?.aborted && error === signal.reason) return 'aborted';
  if (error instanceof LockTimeoutError) return 'timeout';
  return 'error';
}
