import { FlushAttempt } from '../history';
import { CheckContext } from './check-context';

export interface TrimTally {
  /** Acked messages that are gone and that a flush answer listed. */
  confirmed: number;
  /** Acked messages that are gone while a flush without an answer may have trimmed them. */
  unconfirmed: number;
}

/**
 * Flushes trim oldest first, so every trimmed seq is older than every survivor, and an acked
 * message may be gone only when a flush trimmed it.
 */
export function checkTrims(ctx: CheckContext, presentKeys: Set<string>): TrimTally {
  const { history, final, sent, hasUncertainFlush, report } = ctx;
  const trimmed = collectTrimmed(ctx, history.flushes);
  const oldestSurvivor = final.messages.length > 0 ? final.messages[0].seq : Infinity;

  const tally: TrimTally = { confirmed: 0, unconfirmed: 0 };
  for (const [key, entry] of sent) {
    if (entry.outcome !== 'acked' || presentKeys.has(key)) continue;
    const seq = entry.seq as number;
    if (trimmed.has(seq)) tally.confirmed++;
    else if (hasUncertainFlush && seq < oldestSurvivor) tally.unconfirmed++;
    else report('lost-append', `client ${key} acked as seq ${seq} is gone and no flush trimmed it`);
  }
  return tally;
}

function collectTrimmed(ctx: CheckContext, flushes: FlushAttempt[]): Set<number> {
  const { final, ackedBySeq, hasUncertainAppend, report } = ctx;
  const presentSeqs = new Set(final.messages.map((message) => message.seq));
  const oldestSurvivor = final.messages.length > 0 ? final.messages[0].seq : Infinity;
  const trimmed = new Set<number>();

  for (const flush of flushes) {
    if (flush.outcome !== 'acked') continue;
    const seqs = flush.trimmedSeqs ?? [];
    checkFlushAnswer(ctx, flush, seqs);

    for (const seq of seqs) {
      if (trimmed.has(seq)) report('double-trim', `seq ${seq} trimmed by two flushes`);
      trimmed.add(seq);
      if (presentSeqs.has(seq)) {
        report('trimmed-present', `seq ${seq} was trimmed, yet it is stored`);
      } else if (seq > oldestSurvivor) {
        report('trim-order', `seq ${seq} trimmed while older seq ${oldestSurvivor} survives`);
      }
      if (!ackedBySeq.has(seq) && !hasUncertainAppend) {
        report('unknown-trim', `seq ${seq} trimmed, but no append was acked with it`);
      }
    }
  }
  return trimmed;
}

/** A flush answer agrees with itself and with the token counts the appends were acked with. */
function checkFlushAnswer(
  { ackedBySeq, report }: CheckContext,
  flush: FlushAttempt,
  seqs: number[],
) {
  if (flush.trimmedMessages !== seqs.length) {
    report(
      'flush-response',
      `flush says ${flush.trimmedMessages} trimmed but lists ${seqs.length} seqs`,
    );
  }

  const tokens = seqs.map((seq) => ackedBySeq.get(seq)?.tokens);
  if (tokens.some((count) => count === undefined)) return;
  const sum = (tokens as number[]).reduce((a, b) => a + b, 0);
  if (flush.trimmedTokens !== sum) {
    report(
      'flush-response',
      `flush says ${flush.trimmedTokens} tokens trimmed, its seqs held ${sum}`,
    );
  }
}
