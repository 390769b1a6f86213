import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import {
  InvalidLockOptionsError,
  LockBackendError,
  LockError,
  LockLostError,
  LockTimeoutError,
} from '@memory-lock/core';
import { HttpAdapterHost } from '@nestjs/core';
import { MemoryStoreUnavailableError } from '../../memory/store/memory-store-unavailable.error';
import { StaleFencingTokenError } from '../../memory/store/stale-fencing-token.error';
import { ErrorBody, errorBody } from './error-bodies';

/**
 * Answers lock and store errors with a status the client can act on and a stable `code`: 409 to
 * try again later, 503 while a backend is down, 400 for a request no retry can fix. None of them
 * is a 500.
 */
@Catch(LockError, StaleFencingTokenError, MemoryStoreUnavailableError)
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(DomainErrorFilter.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(error: Error, host: ArgumentsHost): void {
    const body = toBody(error);
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) this.logger.warn(error.message);

    const response: unknown = host.switchToHttp().getResponse();
    this.adapterHost.httpAdapter.reply(response, body, body.statusCode);
  }
}

function toBody(error: Error): ErrorBody {
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
