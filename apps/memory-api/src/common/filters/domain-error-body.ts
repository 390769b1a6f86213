import { HttpStatus } from '@nestjs/common';
import {
  InvalidLockOptionsError,
  LockBackendError,
  LockLostError,
  LockTimeoutError,
} from '@memory-lock/core';
import { MemoryStoreUnavailableError } from '../../memory/store/memory-store-unavailable.error';
import { StaleFencingTokenError } from '../../memory/store/stale-fencing-token.error';
import { ErrorBody, errorBody } from './error-bodies';

/**
 * The answer to a lock or store error: 409 to try again later, 503 while a backend is down, 400
 * for a request no retry can fix, each with a stable `code`.
 */
export function domainErrorBody(error: Error): ErrorBody {
  if (error instanceof StaleFencingTokenError) {
    return errorBody(HttpStatus.CONFLICT, 'STALE_FENCING_TOKEN', error.message);
  }
  if (error instanceof LockTimeoutError) {
    return errorBody(HttpStatus.CONFLICT, 'LOCK_TIMEOUT', error.message);
  }
  if (error instanceof LockLostError) {
    return errorBody(HttpStatus.CONFLICT, 'LOCK_LOST', error.message);
  }
  if (error instanceof InvalidLockOptionsError) {
    return errorBody(HttpStatus.BAD_REQUEST, 'INVALID_LOCK_OPTIONS', error.message);
  }
  if (error instanceof MemoryStoreUnavailableError) {
    return errorBody(HttpStatus.SERVICE_UNAVAILABLE, 'STORE_UNAVAILABLE', error.message);
  }
  if (error instanceof LockBackendError) {
    return errorBody(HttpStatus.SERVICE_UNAVAILABLE, 'LOCK_BACKEND_UNAVAILABLE', error.message);
  }
  // Any other LockError is a lock that could not be had right now.
  return errorBody(HttpStatus.CONFLICT, 'LOCK_UNAVAILABLE', error.message);
}
