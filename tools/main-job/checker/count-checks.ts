import { CheckContext, maxOf } from './check-context';

/** Counts the service reports equal a recount of what it holds. Returns the recounted tokens. */
export function checkCounts(ctx: CheckContext): number {
  const { final, countTokens, report } = ctx;
  const messageCount = final.messages.length;
  const tokenCount = final.messages.reduce((sum, message) => sum + countTokens(message.content), 0);

  const sources = [
    ['GET', final.get],
    ['stats', final.stats],
  ] as const;
  for (const [source, counts] of sources) {
    if (counts.messageCount !== messageCount) {
      report(
        'count-mismatch',
        `${source} messageCount ${counts.messageCount}, recount ${messageCount}`,
      );
    }
    if (counts.tokenCount !== tokenCount) {
      report('count-mismatch', `${source} tokenCount ${counts.tokenCount}, recount ${tokenCount}`);
    }
  }

  checkStatsMarks(ctx);
  return tokenCount;
}

/** `lastSeq` and `lastFencingToken` never fall behind what the clients were handed. */
function checkStatsMarks({ history, final, ackedBySeq, hasUncertainAppend, report }: CheckContext) {
  const maxAcked = maxOf(ackedBySeq.keys());
  const maxKnown = Math.max(maxAcked, maxOf(final.messages.map((message) => message.seq)));
  const { lastSeq, lastFencingToken } = final.stats;

  if (lastSeq < maxKnown) {
    report('stats-mismatch', `stats lastSeq ${lastSeq}, yet seq ${maxKnown} was handed out`);
  } else if (!hasUncertainAppend && ackedBySeq.size > 0 && lastSeq !== maxAcked) {
    report('stats-mismatch', `stats lastSeq ${lastSeq}, highest acked seq ${maxAcked}`);
  }

  const maxFencing = maxOf(history.appends.map((attempt) => attempt.fencingToken ?? 0));
  if (lastFencingToken < maxFencing) {
    report(
      'stats-mismatch',
      `stats lastFencingToken ${lastFencingToken}, an append held ${maxFencing}`,
    );
  }
}
