import { LockError } from './lock.error';

/** The lock backend (Redis) could not be reached or failed; `cause` holds the original error. */
export class LockBackendError extends LockError {
  constructor(
    lockName: string,
    readonly operation: string,
    cause: unknown,
  ) {
    super(
      `Lock backend failed during ${operation} of "${lockName}": ${describe(cause)}`,
      lockName,
      {
        cause,
      },
    );
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
