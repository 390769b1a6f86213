import {
  AppendResult,
  ClearResult,
  FlushBudget,
  FlushResult,
  MemoryPage,
  MemoryStats,
  MemoryStore,
  NewMessage,
  ReplaceResult,
  StoredMessage,
} from './memory-store';
import { StaleFencingTokenError } from './stale-fencing-token.error';

interface Memory {
  messages: StoredMessage[];
  tokenCount: number;
  lastSeq: number;
  fence: number;
}

/**
 * The embedded store: memories live in this process only, are lost on exit and are not shared
 * with other replicas. Each call completes synchronously, which makes it atomic.
 */
export class InMemoryMemoryStore implements MemoryStore {
  readonly description = 'in-memory (embedded, single process)';

  private readonly memories = new Map<string, Memory>();

  async append(id: string, messages: NewMessage[], fencingToken: number): Promise<AppendResult> {
    const memory = this.fenced(id, fencingToken);

    const stored = messages.map((message) => this.stamp(memory, message));
    memory.messages.push(...stored);
    memory.tokenCount += sumTokens(stored);

    return { ...statsOf(memory), messages: stored.map(copy) };
  }

  async replace(id: string, messages: NewMessage[], fencingToken: number): Promise<ReplaceResult> {
    const memory = this.fenced(id, fencingToken);

    const removed = memory.messages.length;
    memory.messages = messages.map((message) => this.stamp(memory, message));
    memory.tokenCount = sumTokens(memory.messages);

    return { ...statsOf(memory), removed };
  }

  async clear(id: string, fencingToken: number): Promise<ClearResult> {
    const memory = this.fenced(id, fencingToken);

    const cleared = memory.messages.length;
    memory.messages = [];
    memory.tokenCount = 0;

    return { ...statsOf(memory), cleared };
  }

  async flush(id: string, budget: FlushBudget, fencingToken: number): Promise<FlushResult> {
    const memory = this.fenced(id, fencingToken);

    const trimmedSeqs: number[] = [];
    let trimmedTokens = 0;
    while (memory.messages.length > 0 && overBudget(memory, budget)) {
      const oldest = memory.messages.shift() as StoredMessage;
      memory.tokenCount -= oldest.tokens;
      trimmedSeqs.push(oldest.seq);
      trimmedTokens += oldest.tokens;
    }

    return { ...statsOf(memory), trimmedSeqs, trimmedTokens };
  }

  async read(id: string, offset: number, limit: number): Promise<MemoryPage> {
    const memory = this.memories.get(id) ?? emptyMemory();
    return {
      messageCount: memory.messages.length,
      tokenCount: memory.tokenCount,
      messages: memory.messages.slice(offset, offset + limit).map(copy),
    };
  }

  async stats(id: string): Promise<MemoryStats> {
    return statsOf(this.memories.get(id) ?? emptyMemory());
  }

  async ping(): Promise<void> {}

  /** The memory, after checking and recording the fencing token of the change about to be made. */
  private fenced(id: string, fencingToken: number): Memory {
    const memory = this.memories.get(id) ?? emptyMemory();
    if (fencingToken < memory.fence) {
      throw new StaleFencingTokenError(id, fencingToken, memory.fence);
    }

    memory.fence = fencingToken;
    this.memories.set(id, memory);
    return memory;
  }

  private stamp(memory: Memory, message: NewMessage): StoredMessage {
    memory.lastSeq += 1;
    return copy({ ...message, seq: memory.lastSeq });
  }
}

function emptyMemory(): Memory {
  return { messages: [], tokenCount: 0, lastSeq: 0, fence: 0 };
}

function statsOf(memory: Memory): MemoryStats {
  return {
    messageCount: memory.messages.length,
    tokenCount: memory.tokenCount,
    lastSeq: memory.lastSeq,
    lastFencingToken: memory.fence,
  };
}

function overBudget(memory: Memory, budget: FlushBudget): boolean {
  return (
    (budget.maxMessages !== undefined && memory.messages.length > budget.maxMessages) ||
    (budget.maxTokens !== undefined && memory.tokenCount > budget.maxTokens)
  );
}

function sumTokens(messages: StoredMessage[]): number {
  return messages.reduce((sum, message) => sum + message.tokens, 0);
}

/** Callers get their own copies, so nothing they do changes what is stored. */
function copy(message: StoredMessage): StoredMessage {
  return structuredClone(message);
}
