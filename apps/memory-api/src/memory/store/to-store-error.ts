import { MemoryStoreUnavailableError } from './memory-store-unavailable.error';

/** Replies that mean "this server cannot serve you right now", not "your command is wrong". */
const TRANSIENT_REPLIES =
  /^(LOADING|BUSY|MASTERDOWN|READONLY|CLUSTERDOWN|TRYAGAIN|OOM|NOREPLICAS)\b/;

/**
 * Connection failures, timeouts and transient server states become `MemoryStoreUnavailableError`
 * (HTTP 503); any other error reply is a fault in this service and is passed on unchanged.
 */
export function toStoreError(operation: string, error: unknown): Error {
  const isReply = error instanceof Error && error.name === 'ReplyError';
  if (isReply && !TRANSIENT_REPLIES.test(error.message)) return error;
  return new MemoryStoreUnavailableError(operation, error);
}
