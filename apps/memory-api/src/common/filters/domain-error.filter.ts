import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { LockError } from '@memory-lock/core';
import { MemoryStoreUnavailableError } from '../../memory/store/memory-store-unavailable.error';
import { StaleFencingTokenError } from '../../memory/store/stale-fencing-token.error';
import { domainErrorBody } from './domain-error-body';

/**
 * Answers lock and store errors as `domainErrorBody` says; none of them becomes a 500. It logs
 * nothing: during an outage every request would add a line. The outage itself is logged once
 * each way by the Redis connection, the lock's backend monitor and readiness, and each answer
 * is counted in `memory_api_http_requests_total` by status.
 */
@Catch(LockError, StaleFencingTokenError, MemoryStoreUnavailableError)
export class DomainErrorFilter implements ExceptionFilter {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(error: Error, host: ArgumentsHost): void {
    const body = domainErrorBody(error);
    const response: unknown = host.switchToHttp().getResponse();
    this.adapterHost.httpAdapter.reply(response, body, body.statusCode);
  }
}
