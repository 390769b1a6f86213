import { Logger } from '@nestjs/common';
import { HeldLock } from './held-lock';

export const SHUTTING_DOWN = 'DistributedLockService is shutting down';

/**
 * What this process has in flight: the waits it can cancel, the locks it holds, and which of
 * those have renewals failing. It orders shutdown: waiters leave before held locks are released,
 * so a release cannot hand a lock to a waiter that is going away.
 */
export class ProcessLocks {
  private readonly waiting = new Set<AbortController>();
  private readonly held = new Set<HeldLock>();
  private readonly renewalsFailing = new Set<HeldLock>();
  private stopping = false;

  constructor(private readonly logger: Logger) {}

  get isStopping(): boolean {
    return this.stopping;
  }

  get renewalsAreFailing(): boolean {
    return this.renewalsFailing.size > 0;
  }

  startWaiting(cancel: AbortController): void {
    this.waiting.add(cancel);
  }

  stopWaiting(cancel: AbortController): void {
    this.waiting.delete(cancel);
  }

  holding(lock: HeldLock): void {
    this.held.add(lock);
  }

  ended(lock: HeldLock): void {
    this.held.delete(lock);
    this.setRenewalFailing(lock, false);
  }

  setRenewalFailing(lock: HeldLock, failing: boolean): void {
    const wasFailing = this.renewalsAreFailing;
    if (failing) this.renewalsFailing.add(lock);
    else this.renewalsFailing.delete(lock);
    if (wasFailing !== this.renewalsAreFailing) {
      this.logger.warn(
        this.renewalsAreFailing ? 'Lease renewals are failing' : 'Lease renewals recovered',
      );
    }
  }

  /** Cancels every wait, waits (about a second at most) for them to leave, then releases what is held. */
  async shutdown(): Promise<void> {
    this.stopping = true;
    this.waiting.forEach((cancel) => cancel.abort(new Error(SHUTTING_DOWN)));
    for (let i = 0; i < 100 && this.waiting.size > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await Promise.allSettled([...this.held].map((lock) => lock.releaseAtShutdown()));
  }
}
