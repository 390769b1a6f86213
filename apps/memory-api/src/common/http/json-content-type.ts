import { HttpStatus } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody } from '../filters/error-bodies';

/** The only media type a request body may have; the JSON body parser reads no other. */
export const JSON_MEDIA_TYPE = 'application/json';

/** A media type short and plain enough to repeat in a message. */
const PLAIN_MEDIA_TYPE = /^[A-Za-z0-9!#$&^_.+-]{1,64}\/[A-Za-z0-9!#$&^_.+-]{1,64}$/;

/**
 * Express middleware that answers 415 `UNSUPPORTED_MEDIA_TYPE` to a request that has a body whose
 * `content-type` is not `application/json` (a charset and other parameters are fine). Without it
 * such a body would go unread and the request be judged as if it had none. A request without a
 * body needs no `content-type`.
 */
export function requireJsonContentType() {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if (!hasBody(req)) return next();

    const mediaType = req.headers['content-type']?.split(';')[0].trim().toLowerCase();
    if (mediaType === JSON_MEDIA_TYPE) return next();

    const got =
      mediaType === undefined || mediaType === ''
        ? 'it has none'
        : PLAIN_MEDIA_TYPE.test(mediaType)
          ? `not ${mediaType}`
          : 'not the one it has';
    const body = errorBody(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'UNSUPPORTED_MEDIA_TYPE',
      `request body must be JSON with content-type: ${JSON_MEDIA_TYPE} (${got})`,
    );
    res.statusCode = body.statusCode;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(body));
  };
}

/** As the body parser decides it: a chunked body, or a length above zero. */
function hasBody(req: IncomingMessage): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0
  );
}
