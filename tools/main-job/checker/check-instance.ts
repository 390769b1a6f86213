import { FinalState, InstanceHistory } from '../history';
import { buildContext, Problem } from './check-context';
import { checkCounts } from './count-checks';
import { checkAppendGrants } from './grant-checks';
import {
  checkAckedTokens,
  checkClientOrder,
  checkSeqOrder,
  checkStoredMessages,
} from './message-checks';
import { checkTrims } from './trim-checks';

export interface InstanceSummary {
  ackedMessages: number;
  presentMessages: number;
  /** Acked messages that are gone and that a flush answer listed. */
  trimmedMessages: number;
  /** Acked messages that are gone while a flush without an answer may have trimmed them. */
  unconfirmedTrims: number;
  /** Messages of appends without an answer that did land. */
  uncertainPresent: number;
  tokenCount: number;
}

export interface InstanceVerdict {
  id: string;
  ok: boolean;
  problems: Problem[];
  summary: InstanceSummary;
}

/**
 * Compares what the clients know about one instance with what it holds once they stopped.
 * Pure: the token counter is handed in.
 */
export function checkInstance(
  history: InstanceHistory,
  final: FinalState,
  countTokens: (text: string) => number,
): InstanceVerdict {
  const problems: Problem[] = [];
  const ctx = buildContext(history, final, countTokens, problems);

  checkSeqOrder(ctx);
  const presentKeys = checkStoredMessages(ctx);
  checkAckedTokens(ctx);
  checkClientOrder(ctx);
  checkAppendGrants(ctx);
  const trims = checkTrims(ctx, presentKeys);
  const tokenCount = checkCounts(ctx);

  const entries = [...ctx.sent.entries()];
  return {
    id: history.id,
    ok: problems.length === 0,
    problems,
    summary: {
      ackedMessages: entries.filter(([, entry]) => entry.outcome === 'acked').length,
      presentMessages: final.messages.length,
      trimmedMessages: trims.confirmed,
      unconfirmedTrims: trims.unconfirmed,
      uncertainPresent: entries.filter(
        ([key, e]) => e.outcome === 'uncertain' && presentKeys.has(key),
      ).length,
      tokenCount,
    },
  };
}
