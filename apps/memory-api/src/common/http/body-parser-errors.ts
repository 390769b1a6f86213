import { HttpStatus } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody, ErrorBody } from '../filters/error-bodies';

/** The shape of the errors the JSON body parser passes on. */
interface BodyParserError {
  type?: string;
  status?: number;
}

/**
 * Express error handler for what the JSON body parser refuses: a body over `MAX_BODY_BYTES` gets
 * 413, a body that is not JSON 400, and a charset or content-encoding it cannot decode 415, all in
 * the same JSON shape as every other error. The body
 * parser runs before Nest's routing, so Nest's exception filters never see these.
 */
export function bodyParserErrors(maxBodyBytes: number) {
  return (
    error: BodyParserError,
    _req: IncomingMessage,
    res: ServerResponse,
    next: (error?: unknown) => void,
  ): void => {
    const body = toBody(error, maxBodyBytes);
    if (!body) return next(error);

    res.statusCode = body.statusCode;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(body));
  };
}

function toBody(error: BodyParserError, maxBodyBytes: number): ErrorBody | undefined {
  switch (error?.type) {
    case 'entity.too.large':
      return errorBody(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'PAYLOAD_TOO_LARGE',
        `request body is larger than MAX_BODY_BYTES (${maxBodyBytes} bytes)`,
      );
    case 'entity.parse.failed':
      return errorBody(HttpStatus.BAD_REQUEST, 'INVALID_JSON', 'request body is not valid JSON');
    case 'charset.unsupported':
      return errorBody(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'UNSUPPORTED_MEDIA_TYPE',
        'request body has a charset that is not supported; send UTF-8',
      );
    case 'encoding.unsupported':
      return errorBody(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'UNSUPPORTED_MEDIA_TYPE',
        'request body has a content-encoding that is not supported; send identity, gzip, deflate or br',
      );
    default:
      // An aborted or miscounted body (400).
      if (!error?.status || error.status < 400 || error.status > 499) return undefined;
      return errorBody(error.status, 'INVALID_BODY', 'request body could not be read');
  }
}
