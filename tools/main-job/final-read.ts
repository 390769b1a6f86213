import { FinalState, StoredMessage } from './history';
import { ApiResult } from './http/api-result';
import { MemoryApiClient } from './http/memory-api.client';

/** Page size of the final read; small enough that a busy instance takes several pages. */
const PAGE_LIMIT = 100;

/**
 * Reads one instance whole once no client writes any more: stats, every page oldest first, stats
 * again. Throws when a read fails or the instance changed while it was read.
 */
export async function readFinalState(apis: MemoryApiClient[], id: string): Promise<FinalState> {
  const before = expectOk(await apis[0].stats(id), `stats of ${id}`);
  const messages: StoredMessage[] = [];
  let get = { messageCount: 0, tokenCount: 0 };

  for (let offset = 0, page = 0; ; offset += PAGE_LIMIT, page++) {
    const api = apis[page % apis.length];
    const body = expectOk(await api.page(id, offset, PAGE_LIMIT), `page ${offset} of ${id}`);
    if (!Array.isArray(body.messages)) throw new Error(`page ${offset} of ${id} has no messages`);
    if (
      page > 0 &&
      (body.messageCount !== get.messageCount || body.tokenCount !== get.tokenCount)
    ) {
      throw new Error(`${id} changed while it was read at rest`);
    }
    get = { messageCount: body.messageCount, tokenCount: body.tokenCount };
    messages.push(...body.messages);
    if (body.messages.length < PAGE_LIMIT) break;
  }

  const after = expectOk(await apis[apis.length - 1].stats(id), `stats of ${id}`);
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    throw new Error(`${id} changed while it was read at rest`);
  }
  return { messages, get, stats: after };
}

function expectOk<T>(result: ApiResult<T>, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${result.kind} ${result.detail}`);
  return result.body;
}
