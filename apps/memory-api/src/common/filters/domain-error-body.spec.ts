import {
  InvalidLockOptionsError,
  LockBackendError,
  LockError,
  LockLostError,
  LockTimeoutError,
} from '@memory-lock/core';
import { MemoryStoreUnavailableError } from '../../memory/store/memory-store-unavailable.error';
import { StaleFencingTokenError } from '../../memory/store/stale-fencing-token.error';
import { domainErrorBody } from './domain-error-body';

describe('domainErrorBody', () => {
  it.each([
    [new StaleFencingTokenError('m', 3, 4), 409, 'Conflict', 'STALE_FENCING_TOKEN'],
    [new LockTimeoutError('memory:m', 300, 2), 409, 'Conflict', 'LOCK_TIMEOUT'],
    [new LockLostError('memory:m', 'expired'), 409, 'Conflict', 'LOCK_LOST'],
    [
      new InvalidLockOptionsError('memory:m', 'ttlMs', -1, 'a positive integer'),
      400,
      'Bad Request',
      'INVALID_LOCK_OPTIONS',
    ],
    [
      new LockBackendError('memory:m', 'acquire', new Error('ECONNREFUSED')),
      503,
      'Service Unavailable',
      'LOCK_BACKEND_UNAVAILABLE',
    ],
    [
      new MemoryStoreUnavailableError('append', new Error('ECONNREFUSED')),
      503,
      'Service Unavailable',
      'STORE_UNAVAILABLE',
    ],
    [new LockError('something else', 'memory:m'), 409, 'Conflict', 'LOCK_UNAVAILABLE'],
  ])('answers %p with %i', (error, statusCode, reason, code) => {
    expect(domainErrorBody(error)).toEqual({
      statusCode,
      error: reason,
      code,
      message: error.message,
    });
  });

  it('names the lock or memory in the message', () => {
    expect(domainErrorBody(new LockTimeoutError('memory:chat-7', 300, 2)).message).toContain(
      'memory:chat-7',
    );
    expect(domainErrorBody(new StaleFencingTokenError('chat-7', 3, 4)).message).toContain(
      'fencing token 3 is lower than 4',
    );
  });
});
