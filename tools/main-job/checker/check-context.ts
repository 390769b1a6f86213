import { AppendAttempt, FinalState, InstanceHistory, Outcome, SentMessage } from '../history';

export type ProblemKind =
  | 'lost-append'
  | 'duplicate'
  | 'out-of-order'
  | 'unknown-message'
  | 'refused-present'
  | 'content-mismatch'
  | 'seq-order'
  | 'seq-mismatch'
  | 'trim-order'
  | 'trimmed-present'
  | 'double-trim'
  | 'unknown-trim'
  | 'flush-response'
  | 'fencing-order'
  | 'interleaved-append'
  | 'token-mismatch'
  | 'count-mismatch'
  | 'stats-mismatch';

export interface Problem {
  kind: ProblemKind;
  detail: string;
}

/** One sent message with what became of it. */
export interface SentEntry {
  message: SentMessage;
  outcome: Outcome;
  seq?: number;
  tokens?: number;
}

/** What every check reads, built once per instance. */
export interface CheckContext {
  history: InstanceHistory;
  final: FinalState;
  /** Sent messages by `client:n`. */
  sent: Map<string, SentEntry>;
  /** Acked messages by the seq the service gave them. */
  ackedBySeq: Map<number, SentEntry>;
  hasUncertainAppend: boolean;
  hasUncertainFlush: boolean;
  countTokens: (text: string) => number;
  report: (kind: ProblemKind, detail: string) => void;
}

/** The identity a message carries in its metadata, or `undefined` when it carries none. */
export function keyOf(client: unknown, n: unknown): string | undefined {
  if (!Number.isInteger(client) || !Number.isInteger(n)) return undefined;
  return `${client}:${n}`;
}

export function buildContext(
  history: InstanceHistory,
  final: FinalState,
  countTokens: (text: string) => number,
  problems: Problem[],
): CheckContext {
  const sent = indexSent(history.appends);
  const ackedBySeq = new Map<number, SentEntry>();
  for (const entry of sent.values()) {
    if (entry.outcome === 'acked' && entry.seq !== undefined) ackedBySeq.set(entry.seq, entry);
  }

  return {
    history,
    final,
    sent,
    ackedBySeq,
    hasUncertainAppend: history.appends.some((attempt) => attempt.outcome === 'uncertain'),
    hasUncertainFlush: history.flushes.some((flush) => flush.outcome === 'uncertain'),
    countTokens,
    report: (kind, detail) => problems.push({ kind, detail }),
  };
}

function indexSent(appends: AppendAttempt[]): Map<string, SentEntry> {
  const sent = new Map<string, SentEntry>();
  for (const attempt of appends) {
    attempt.messages.forEach((message, i) => {
      const key = keyOf(message.client, message.n);
      if (key === undefined || sent.has(key)) {
        throw new Error(`history holds a message without a unique identity: ${key}`);
      }
      sent.set(key, {
        message,
        outcome: attempt.outcome,
        seq: attempt.seqs?.[i],
        tokens: attempt.tokens?.[i],
      });
    });
  }
  return sent;
}

export function maxOf(values: Iterable<number>): number {
  let max = 0;
  for (const value of values) if (value > max) max = value;
  return max;
}
