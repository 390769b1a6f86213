import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { LockError } from '@memory-lock/core';
import { MemoryStoreUnavailableError } from '../../memory/store/memory-store-unavailable.error';
import { StaleFencingTokenError } from '../../memory/store/stale-fencing-token.error';
import { domainErrorBody } from './domain-error-body';

/** Answers lock and store errors as `domainErrorBody` says; none of them becomes a 500. */
@Catch(LockError, StaleFencingTokenError, MemoryStoreUnavailableError)
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(DomainErrorFilter.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(error: Error, host: ArgumentsHost): void {
    const body = domainErrorBody(error);
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) this.logger.warn(error.message);

    const response: unknown = host.switchToHttp().getResponse();
    this.adapterHost.httpAdapter.reply(response, body, body.statusCode);
  }
}
