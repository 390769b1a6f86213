import { LockError } from './lock.error';

/** The lock was still held by someone else when the wait ended. */
export class LockTimeoutError extends LockError {
  constructor(
    lockName: string,
    readonly waitedMs: number,
    readonly attempts: number,
  ) {
    super(
      `Lock "${lockName}" is held by another owner; gave up after ${waitedMs} ms and ${attempts} attempt(s)`,
      lockName,
    );
  }
}
