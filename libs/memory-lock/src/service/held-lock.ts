import { Logger } from '@nestjs/common';
import { LockBackend } from '../backends/lock-backend';
import { LockBackendError, LockLossReason, LockLostError } from '../errors';
import { LockHandle, ReleaseResult } from '../lock.options';
import { LockMetrics } from '../metrics/lock-metrics';
import { PendingReleases } from './pending-releases';
import { ReentrantHold } from './reentrant-hold';

/** Margin for clock drift between this process and Redis: 1% of the lease plus 2 ms. */
export function driftMs(leaseMs: number): number {
  return Math.floor(leaseMs * 0.01) + 2;
}

export interface HeldLockInit {
  name: string;
  kind: string;
  ownerToken: string;
  fencingToken: number;
  /** The lease each renewal sets. */
  leaseMs: number;
  /** How long the grant is valid from `grantedFrom` before any renewal. */
  validForMs: number;
  /** Local time no later than the grant in Redis; validity is counted from there. */
  grantedFrom: number;
  autoRenew: boolean;
  /** A handed-over grant to claim at once: the first renewal starts its full lease. */
  claimPending: boolean;
}

export interface HeldLockDeps {
  backend: LockBackend;
  metrics: LockMetrics;
  logger: Logger;
  onRenewalFailing(lock: HeldLock, failing: boolean): void;
  /** Called once, when the hold ends by release or loss. */
  onEnded(lock: HeldLock): void;
  /** Releases retried in the background when Redis does not answer. */
  pending: PendingReleases;
}

/**
 * A granted lock and its watchdog. The lease is renewed every third of its length; a renewal that
 * fails for a transient reason is retried while the lease has time left. When the lease is gone or
 * another owner holds the lock, `signal` fires with a `LockLostError`.
 */
export class HeldLock implements LockHandle {
  readonly name: string;
  readonly kind: string;
  readonly ownerToken: string;
  readonly fencingToken: number;
  private readonly leaseMs: number;
  private readonly autoRenew: boolean;
  private readonly controller = new AbortController();
  private readonly grantedAt = performance.now();
  private validUntil: number;
  private renewTimer?: NodeJS.Timeout;
  private leaseTimer?: NodeJS.Timeout;
  private releasing?: Promise<ReleaseResult>;
  private ended = false;
  private readonly nested = new Set<ReentrantHold>();

  constructor(
    init: HeldLockInit,
    private readonly deps: HeldLockDeps,
  ) {
    this.name = init.name;
    this.kind = init.kind;
    this.ownerToken = init.ownerToken;
    this.fencingToken = init.fencingToken;
    this.leaseMs = init.leaseMs;
    this.autoRenew = init.autoRenew;
    this.validUntil = init.grantedFrom + init.validForMs - driftMs(init.validForMs);
    deps.metrics.holdStarted(init.kind);
    this.watchLease();
    if (init.claimPending) this.scheduleRenewal(0);
    else if (init.autoRenew) this.scheduleRenewal(init.leaseMs / 3);
  }

  get expiresAt(): number {
    return this.validUntil;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get isReleased(): boolean {
    return this.releasing !== undefined;
  }

  get lost(): boolean {
    return this.controller.signal.aborted;
  }

  /** A handle for a nested acquire of this name in the same async context. */
  reenter(): LockHandle {
    const hold = new ReentrantHold(this, (done) => this.nested.delete(done));
    this.nested.add(hold);
    return hold;
  }

  release(): Promise<ReleaseResult> {
    if (!this.releasing) {
      this.nested.forEach((hold) => hold.outerReleased());
      this.stopTimers();
      this.releasing = this.sendRelease();
      this.releasing.catch(() => (this.releasing = undefined));
    }
    return this.releasing;
  }

  /** Shutdown releases the lock under a running holder: its signal fires first. */
  releaseAtShutdown(): Promise<ReleaseResult> {
    if (!this.releasing && !this.lost) {
      this.controller.abort(new LockLostError(this.name, 'shutdown'));
    }
    return this.release();
  }

  private async sendRelease(): Promise<ReleaseResult> {
    let result: ReleaseResult;
    try {
      result = await this.deps.backend.release(this.name, this.ownerToken);
    } catch (error) {
      // This process holds it no longer either way: the release is retried in the background.
      this.deps.metrics.released(this.kind, 'error');
      this.deps.pending.add(this.name, this.ownerToken, this.leaseMs);
      this.endHold();
      throw new LockBackendError(this.name, 'release', error);
    }
    this.deps.metrics.released(this.kind, result);
    this.endHold();
    return result;
  }

  private scheduleRenewal(delayMs: number): void {
    this.renewTimer = setTimeout(() => void this.renew(), Math.max(0, Math.floor(delayMs)));
    this.renewTimer.unref();
  }

  /** A timer at the end of the lease: if nothing renewed it by then (a paused process), it is lost. */
  private watchLease(): void {
    clearTimeout(this.leaseTimer);
    this.leaseTimer = setTimeout(
      () => this.lose('expired'),
      Math.max(0, this.validUntil - Date.now()),
    );
    this.leaseTimer.unref();
  }

  private async renew(): Promise<void> {
    if (this.releasing || this.lost) return;
    if (Date.now() >= this.validUntil) return this.lose('expired');

    const sentAt = Date.now();
    let result;
    try {
      result = await this.deps.backend.renew(this.name, this.ownerToken, this.leaseMs);
    } catch (error) {
      return this.retryRenewal(error);
    }
    if (this.releasing || this.lost) return;

    if (result !== 'renewed') return this.lose(result === 'stolen' ? 'stolen' : 'expired');
    this.validUntil = sentAt + this.leaseMs - driftMs(this.leaseMs);
    this.deps.metrics.renewal(this.kind, 'ok');
    this.deps.onRenewalFailing(this, false);
    this.watchLease();
    if (this.autoRenew) this.scheduleRenewal(this.leaseMs / 3);
  }

  private retryRenewal(error: unknown): void {
    if (this.releasing || this.lost) return;
    this.deps.onRenewalFailing(this, true);
    const retryIn = Math.min(Math.max(Math.floor(this.leaseMs / 10), 10), 1_000);
    if (Date.now() + retryIn < this.validUntil) {
      this.deps.metrics.renewal(this.kind, 'retried');
      this.scheduleRenewal(retryIn);
      return;
    }
    this.deps.metrics.renewal(this.kind, 'failed');
    this.lose('backend', error);
  }

  private lose(reason: LockLossReason, cause?: unknown): void {
    if (this.releasing || this.lost) return;
    this.stopTimers();
    this.deps.metrics.lockLost(this.kind, reason);
    this.deps.logger.warn(`Lock "${this.name}" lost (${reason}); its holder has been signalled`);
    this.endHold();
    this.controller.abort(
      new LockLostError(this.name, reason, cause === undefined ? undefined : { cause }),
    );
  }

  private endHold(): void {
    if (this.ended) return;
    this.ended = true;
    this.deps.onEnded(this);
    this.deps.metrics.holdEnded(this.kind, (performance.now() - this.grantedAt) / 1000);
  }

  private stopTimers(): void {
    clearTimeout(this.renewTimer);
    clearTimeout(this.leaseTimer);
  }
}
