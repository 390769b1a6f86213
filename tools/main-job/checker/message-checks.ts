import { CheckContext, keyOf } from './check-context';

export function checkSeqOrder({ final, report }: CheckContext): void {
  const messages = final.messages;
  for (let i = 1; i < messages.length; i++) {
    if (messages[i].seq <= messages[i - 1].seq) {
      report('seq-order', `seq ${messages[i].seq} follows seq ${messages[i - 1].seq}`);
    }
  }
}

/**
 * Matches each stored message to what was sent: once only, same role and text, the seq it was
 * acked with, a true token count. Returns the matched `client:n` keys.
 */
export function checkStoredMessages(ctx: CheckContext): Set<string> {
  const { final, sent, countTokens, report } = ctx;
  const seqOfKey = new Map<string, number>();

  for (const stored of final.messages) {
    const key = keyOf(stored.metadata?.client, stored.metadata?.n);
    const entry = key === undefined ? undefined : sent.get(key);
    if (key === undefined || entry === undefined) {
      report('unknown-message', `seq ${stored.seq} was never sent: ${preview(stored.content)}`);
      continue;
    }
    if (seqOfKey.has(key)) {
      report('duplicate', `client ${key} at seq ${seqOfKey.get(key)} and again at ${stored.seq}`);
      continue;
    }
    seqOfKey.set(key, stored.seq);

    if (entry.outcome === 'refused') {
      report('refused-present', `client ${key} at seq ${stored.seq} was refused, yet it is stored`);
    }
    if (stored.role !== entry.message.role || stored.content !== entry.message.content) {
      report('content-mismatch', `client ${key} at seq ${stored.seq} differs from what was sent`);
    }
    if (entry.outcome === 'acked' && entry.seq !== stored.seq) {
      report(
        'seq-mismatch',
        `client ${key} was acked as seq ${entry.seq}, stored as ${stored.seq}`,
      );
    }
    const tokens = countTokens(stored.content);
    if (stored.tokens !== tokens) {
      report('token-mismatch', `seq ${stored.seq} says ${stored.tokens} tokens, recount ${tokens}`);
    }
  }
  return new Set(seqOfKey.keys());
}

/** The token count each append answer gave equals a recount, also for messages trimmed since. */
export function checkAckedTokens({ sent, countTokens, report }: CheckContext): void {
  for (const [key, entry] of sent) {
    if (entry.outcome !== 'acked') continue;
    const tokens = countTokens(entry.message.content);
    if (entry.tokens !== tokens) {
      report(
        'token-mismatch',
        `client ${key} was acked with ${entry.tokens} tokens, recount ${tokens}`,
      );
    }
  }
}

/** Each client sends one request at a time, so its messages must keep the client's own order. */
export function checkClientOrder({ final, sent, report }: CheckContext): void {
  const lastN = new Map<number, number>();
  for (const stored of final.messages) {
    const { client, n } = stored.metadata ?? {};
    if (typeof client !== 'number' || typeof n !== 'number') continue;
    const previous = lastN.get(client);
    if (previous !== undefined && n <= previous) {
      report('out-of-order', `client ${client}: message ${n} stored after message ${previous}`);
    }
    lastN.set(client, Math.max(n, previous ?? n));
  }

  const ackedByClient = new Map<number, { n: number; seq: number }[]>();
  for (const entry of sent.values()) {
    if (entry.outcome !== 'acked' || entry.seq === undefined) continue;
    const list = ackedByClient.get(entry.message.client) ?? [];
    list.push({ n: entry.message.n, seq: entry.seq });
    ackedByClient.set(entry.message.client, list);
  }
  for (const [client, acked] of ackedByClient) {
    acked.sort((a, b) => a.n - b.n);
    for (let i = 1; i < acked.length; i++) {
      if (acked[i].seq <= acked[i - 1].seq) {
        report(
          'out-of-order',
          `client ${client}: message ${acked[i].n} acked as seq ${acked[i].seq}, ` +
            `message ${acked[i - 1].n} before it as seq ${acked[i - 1].seq}`,
        );
      }
    }
  }
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return JSON.stringify(flat.length > 40 ? `${flat.slice(0, 40)}…` : flat);
}
