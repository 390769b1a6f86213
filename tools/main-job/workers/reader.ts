import { PageAnswer } from '../http/memory-api.client';
import { Rng } from '../rng';
import { ApiRotation, isInteger, sleep, timed, WorkerContext } from './worker-context';

/**
 * Reads pages and stats of random instances while they change. Each read is one atomic step on
 * the service, so every answer must agree with itself.
 */
export async function runReader(ctx: WorkerContext, client: number, rng: Rng): Promise<void> {
  const rotation = new ApiRotation(ctx.apis, client);

  while (ctx.running()) {
    const instance = rng.pick(ctx.instances);
    const api = rotation.take();

    if (rng.next() < 0.3) {
      const result = await timed(ctx.ledger, 'stats', () => api.stats(instance));
      if (result.ok && !isInteger(result.body?.messageCount)) {
        ctx.ledger.anomaly(`stats of ${instance}: no messageCount`);
      }
    } else {
      const offset = rng.next() < 0.5 ? 0 : rng.int(0, 40);
      const limit = rng.int(1, 200);
      const result = await timed(ctx.ledger, 'read', () => api.page(instance, offset, limit));
      if (result.ok) checkPage(ctx, instance, offset, limit, result.body);
    }
    await sleep(rng.int(0, 30));
  }
}

function checkPage(
  ctx: WorkerContext,
  instance: string,
  offset: number,
  limit: number,
  page: PageAnswer,
) {
  const where = `read of ${instance} at ${offset}+${limit}`;
  if (!Array.isArray(page?.messages) || !isInteger(page.messageCount)) {
    ctx.ledger.anomaly(`${where}: answer without messages or messageCount`);
    return;
  }

  const expected = Math.min(limit, Math.max(0, page.messageCount - offset));
  if (page.messages.length !== expected) {
    ctx.ledger.anomaly(
      `${where}: ${page.messages.length} messages, expected ${expected} of ${page.messageCount}`,
    );
  }
  for (let i = 1; i < page.messages.length; i++) {
    if (!(page.messages[i].seq > page.messages[i - 1].seq)) {
      ctx.ledger.anomaly(`${where}: seq ${page.messages[i].seq} after ${page.messages[i - 1].seq}`);
      return;
    }
  }
}
