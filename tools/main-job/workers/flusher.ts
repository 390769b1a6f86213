import { FlushAttempt } from '../history';
import { FlushAnswer, FlushBudget } from '../http/memory-api.client';
import { Rng } from '../rng';
import { ApiRotation, isInteger, sleep, untilGranted, WorkerContext } from './worker-context';

/** Trims random instances to random budgets, with a short pause between flushes. */
export async function runFlusher(ctx: WorkerContext, client: number, rng: Rng): Promise<void> {
  const rotation = new ApiRotation(ctx.apis, client);

  while (ctx.running()) {
    await sleep(rng.int(100, 600));
    if (!ctx.running()) return;
    const instance = rng.pick(ctx.instances);
    const budget = randomBudget(rng);

    const result = await untilGranted(ctx, rotation, rng, 'flush', (api) =>
      api.flush(instance, budget),
    );
    if (!result.ok) {
      ctx.ledger.flush(instance, { outcome: result.outcome });
      continue;
    }
    ctx.ledger.flush(instance, acked(ctx, instance, budget, result.body));
  }
}

function randomBudget(rng: Rng): FlushBudget {
  const shape = rng.int(0, 2);
  const budget: FlushBudget = {};
  if (shape !== 1) budget.maxMessages = rng.int(20, 300);
  if (shape !== 0) budget.maxTokens = rng.int(2_000, 40_000);
  return budget;
}

function acked(
  ctx: WorkerContext,
  instance: string,
  budget: FlushBudget,
  body: FlushAnswer,
): FlushAttempt {
  const seqs = body?.trimmedSeqs;
  if (!Array.isArray(seqs) || !seqs.every(isInteger) || !isInteger(body.trimmedTokens)) {
    ctx.ledger.anomaly(`flush of ${instance}: answer without trimmedSeqs/trimmedTokens`);
    return { outcome: 'uncertain' };
  }

  const over =
    (budget.maxMessages !== undefined && body.messageCount > budget.maxMessages) ||
    (budget.maxTokens !== undefined && body.tokenCount > budget.maxTokens);
  if (over) {
    ctx.ledger.anomaly(
      `flush of ${instance} to ${JSON.stringify(budget)} left ${body.messageCount} messages, ` +
        `${body.tokenCount} tokens`,
    );
  }

  return {
    outcome: 'acked',
    trimmedSeqs: seqs,
    trimmedMessages: body.trimmedMessages,
    trimmedTokens: body.trimmedTokens,
  };
}
