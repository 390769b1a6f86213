import { AppendAttempt, SentMessage } from '../history';
import { AppendAnswer } from '../http/memory-api.client';
import { Rng } from '../rng';
import { TurnSource } from './turn-source';
import { ApiRotation, isInteger, untilGranted, WorkerContext } from './worker-context';

/**
 * Appends conversation turns, one to three a request, to random instances. Every message carries
 * `{ client, n }` in its metadata, `n` counting this client's messages.
 */
export async function runAppender(ctx: WorkerContext, client: number, rng: Rng): Promise<void> {
  const turns = new TurnSource(ctx.transcripts, rng);
  const rotation = new ApiRotation(ctx.apis, client);
  let n = 0;

  while (ctx.running()) {
    const instance = rng.pick(ctx.instances);
    const messages: SentMessage[] = turns
      .take(rng.int(1, 3))
      .map((turn) => ({ client, n: ++n, role: turn.role, content: turn.content }));
    const outgoing = messages.map(({ role, content, client: c, n: k }) => ({
      role,
      content,
      metadata: { client: c, n: k },
    }));

    const result = await untilGranted(ctx, rotation, rng, 'append', (api) =>
      api.append(instance, outgoing),
    );
    if (!result.ok) {
      ctx.ledger.append(instance, { outcome: result.outcome, messages });
      continue;
    }
    ctx.ledger.append(instance, acked(ctx, instance, messages, result.body));
  }
}

/** Reads seqs, tokens and the fencing token from a 201; an answer without them counts as unknown. */
function acked(
  ctx: WorkerContext,
  instance: string,
  messages: SentMessage[],
  body: AppendAnswer,
): AppendAttempt {
  const client = messages[0].client;
  const stored = Array.isArray(body?.messages) ? body.messages : [];
  const fits =
    stored.length === messages.length &&
    isInteger(body.fencingToken) &&
    stored.every(
      (message, i) =>
        isInteger(message.seq) &&
        isInteger(message.tokens) &&
        message.content === messages[i].content &&
        message.role === messages[i].role &&
        message.metadata?.client === client &&
        message.metadata?.n === messages[i].n,
    );
  if (!fits) {
    ctx.ledger.anomaly(`append to ${instance}: answer does not match the request: ${brief(body)}`);
    return { outcome: 'uncertain', messages };
  }
  if (body.appended !== messages.length) {
    ctx.ledger.anomaly(`append to ${instance}: appended ${body.appended}, sent ${messages.length}`);
  }

  return {
    outcome: 'acked',
    messages,
    fencingToken: body.fencingToken,
    seqs: stored.map((message) => message.seq),
    tokens: stored.map((message) => message.tokens),
  };
}

function brief(body: unknown): string {
  const text = JSON.stringify(body) ?? String(body);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}
