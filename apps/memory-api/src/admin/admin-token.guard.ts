import {
  CanActivate,
  ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { errorBody } from '../common/filters/error-bodies';

const SCHEME = /^Bearer[ ]+(\S+)[ ]*$/i;

/**
 * Lets a request through when it carries `Authorization: Bearer <ADMIN_TOKEN>`; 401 otherwise.
 * Both sides are hashed to the same length first, so the comparison takes the same time whatever
 * was offered. Neither token is ever logged or echoed.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (!config.adminToken) throw new Error('admin routes are on without ADMIN_TOKEN');
    this.expected = digest(config.adminToken);
  }

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const header = http.getRequest<IncomingMessage>().headers.authorization;

    const offered = header === undefined ? undefined : SCHEME.exec(header)?.[1];
    if (offered !== undefined && timingSafeEqual(digest(offered), this.expected)) return true;

    http
      .getResponse<ServerResponse>()
      .setHeader('WWW-Authenticate', 'Bearer realm="memory-api admin"');
    throw new UnauthorizedException(
      header === undefined
        ? errorBody(
            HttpStatus.UNAUTHORIZED,
            'ADMIN_TOKEN_MISSING',
            'admin routes need the header Authorization: Bearer <ADMIN_TOKEN>',
          )
        : errorBody(
            HttpStatus.UNAUTHORIZED,
            'ADMIN_TOKEN_INVALID',
            'the Authorization header does not carry the admin token (Bearer <ADMIN_TOKEN>)',
          ),
    );
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
