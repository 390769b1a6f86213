import { HttpStatus } from '@nestjs/common';

/** The JSON body of every error this service maps itself. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
}

const REASONS: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.BAD_REQUEST]: 'Bad Request',
  [HttpStatus.UNAUTHORIZED]: 'Unauthorized',
  [HttpStatus.CONFLICT]: 'Conflict',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'Payload Too Large',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'Unsupported Media Type',
  [HttpStatus.NOT_IMPLEMENTED]: 'Not Implemented',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'Service Unavailable',
};

export function errorBody(statusCode: HttpStatus, code: string, message: string): ErrorBody {
  return { statusCode, error: REASONS[statusCode] ?? 'Error', code, message };
}
