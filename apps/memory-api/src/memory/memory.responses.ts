import { MessageRole } from './message-role';

/** A stored message as the API shows it. */
export interface MessageView {
  seq: number;
  role: MessageRole;
  content: string;
  metadata?: Record<string, unknown>;
  tokens: number;
  createdAt: string;
}

export interface AppendResponse {
  id: string;
  appended: number;
  messageCount: number;
  tokenCount: number;
  /** Fencing token of the lock the append ran under. */
  fencingToken: number;
  messages: MessageView[];
}

export interface MemoryPageResponse {
  id: string;
  messageCount: number;
  tokenCount: number;
  limit: number;
  offset: number;
  messages: MessageView[];
}

export interface StatsResponse {
  id: string;
  messageCount: number;
  tokenCount: number;
  lastSeq: number;
  lastFencingToken: number;
}

export interface ReplaceResponse extends StatsResponse {
  removed: number;
}

export interface ClearResponse {
  id: string;
  cleared: number;
  messageCount: 0;
  tokenCount: 0;
}

export interface FlushResponse {
  id: string;
  trimmedMessages: number;
  trimmedTokens: number;
  trimmedSeqs: number[];
  messageCount: number;
  tokenCount: number;
}
