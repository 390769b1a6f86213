import { Role } from './transcripts';

/**
 * What the clients sent and what the service answered, per memory instance: the checker's input.
 *
 * An attempt ends in one of three ways. `acked`: the service answered 2xx. `refused`: the service
 * said it did nothing (lock wait timed out, lock lost before the write, stale fencing token, bad
 * input). `uncertain`: no usable answer (connection lost, request timeout, 5xx), so it may or may
 * not have happened.
 */
export type Outcome = 'acked' | 'refused' | 'uncertain';

/** One message as a client sent it; `client` and `n` travel in its metadata. */
export interface SentMessage {
  client: number;
  /** The client's own sequence number; it grows with every message the client sends. */
  n: number;
  role: Role;
  content: string;
}

export interface AppendAttempt {
  outcome: Outcome;
  messages: SentMessage[];
  /** For `acked`: the fencing token and the seq of each message, in the order sent. */
  fencingToken?: number;
  seqs?: number[];
  tokens?: number[];
}

export interface FlushAttempt {
  outcome: Outcome;
  trimmedSeqs?: number[];
  trimmedMessages?: number;
  trimmedTokens?: number;
}

export interface InstanceHistory {
  id: string;
  appends: AppendAttempt[];
  flushes: FlushAttempt[];
}

/** A message as the service returns it. */
export interface StoredMessage {
  seq: number;
  role: string;
  content: string;
  metadata?: Record<string, unknown>;
  tokens: number;
  createdAt?: string;
}

/** An instance read after every client stopped. */
export interface FinalState {
  /** All messages, read page by page, oldest first. */
  messages: StoredMessage[];
  /** Counts that the GET pages reported. */
  get: { messageCount: number; tokenCount: number };
  stats: { messageCount: number; tokenCount: number; lastSeq: number; lastFencingToken: number };
}
