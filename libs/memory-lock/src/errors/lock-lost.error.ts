import { LockError } from './lock.error';

/**
 * Why a holder lost its lock: the lease ran out, another owner holds it, the backend failed, the
 * application shut down and released it, or (for a nested hold) the outer hold released it.
 */
export type LockLossReason = 'expired' | 'stolen' | 'backend' | 'shutdown' | 'released';

/** The holder no longer owns the lock; work that depends on it must stop. */
export class LockLostError extends LockError {
  constructor(
    lockName: string,
    readonly reason: LockLossReason,
    options?: { cause?: unknown },
  ) {
    super(`Lock "${lockName}" was lost (${reason})`, lockName, options);
  }
}
