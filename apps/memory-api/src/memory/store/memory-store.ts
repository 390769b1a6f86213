import { MessageRole } from '../message-role';

/** A message as the store keeps it, before the store gives it a sequence number. */
export interface NewMessage {
  role: MessageRole;
  content: string;
  metadata?: Record<string, unknown>;
  /** cl100k_base tokens of `content`. */
  tokens: number;
  /** ISO 8601 time the change was made. */
  createdAt: string;
}

/** A stored message; `seq` is unique within its memory and only grows, also across clear and replace. */
export interface StoredMessage extends NewMessage {
  seq: number;
}

export interface MemoryStats {
  messageCount: number;
  tokenCount: number;
  /** Highest `seq` ever given out in this memory, 0 if none. */
  lastSeq: number;
  /** Highest fencing token a change of this memory was accepted with, 0 if none. */
  lastFencingToken: number;
}

export interface MemoryPage {
  messageCount: number;
  tokenCount: number;
  messages: StoredMessage[];
}

export interface AppendResult extends MemoryStats {
  messages: StoredMessage[];
}

export interface ReplaceResult extends MemoryStats {
  /** Messages removed by the replace. */
  removed: number;
}

export interface ClearResult extends MemoryStats {
  cleared: number;
}

/** Keep at most this many messages and tokens; an absent budget does not limit. */
export interface FlushBudget {
  maxMessages?: number;
  maxTokens?: number;
}

export interface FlushResult extends MemoryStats {
  trimmedSeqs: number[];
  trimmedTokens: number;
}

/**
 * Where memories live. Every change takes the fencing token of the `memory:<id>` lock it holds and
 * is refused with a `StaleFencingTokenError`, changing nothing, when a change with a higher token
 * was already accepted for that memory. Each call is one atomic step, so counts always match the
 * stored messages.
 */
export interface MemoryStore {
  /** Shown in readiness and start-up logs. */
  readonly description: string;

  append(id: string, messages: NewMessage[], fencingToken: number): Promise<AppendResult>;
  replace(id: string, messages: NewMessage[], fencingToken: number): Promise<ReplaceResult>;
  clear(id: string, fencingToken: number): Promise<ClearResult>;
  /** Removes the oldest messages until both budgets hold. */
  flush(id: string, budget: FlushBudget, fencingToken: number): Promise<FlushResult>;

  /** Messages `offset .. offset + limit - 1`, oldest first, with the counts of the same moment. */
  read(id: string, offset: number, limit: number): Promise<MemoryPage>;
  stats(id: string): Promise<MemoryStats>;
  /** Resolves when the store answers; rejects with `MemoryStoreUnavailableError` otherwise. */
  ping(): Promise<void>;
}

/** Injection token of the `MemoryStore`. */
export const MEMORY_STORE = Symbol('MEMORY_STORE');
