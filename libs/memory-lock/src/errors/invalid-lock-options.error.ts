import { LockError } from './lock.error';

/** An option or a lock name was rejected before any call to the backend. */
export class InvalidLockOptionsError extends LockError {
  constructor(
    lockName: string,
    readonly option: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(
      `Invalid lock option ${option}=${String(value)} for "${lockName}": ${expected}`,
      lockName,
    );
  }
}
