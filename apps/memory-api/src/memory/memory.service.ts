import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { MemoryMetrics } from '../metrics/memory-metrics.service';
import { FlushMemoryDto } from './dto/flush-memory.dto';
import { MessageDto } from './dto/message.dto';
import { CountedMessage, MemoryChanges } from './memory-changes.service';
import {
  AppendResponse,
  ClearResponse,
  FlushResponse,
  MemoryPageResponse,
  MessageView,
  ReplaceResponse,
  StatsResponse,
} from './memory.responses';
import { MEMORY_STORE, MemoryStore, StoredMessage } from './store/memory-store';
import { countTokens } from './tokens/count-tokens';

/** The memory API: reads go straight to the store, changes through `MemoryChanges` and its lock. */
@Injectable()
export class MemoryService implements OnModuleInit {
  constructor(
    @Inject(MEMORY_STORE) private readonly store: MemoryStore,
    private readonly changes: MemoryChanges,
    private readonly metrics: MemoryMetrics,
  ) {}

  onModuleInit(): void {
    // The tokenizer loads its rank table on first use (about half a second); pay that at start-up
    // rather than in the first request.
    countTokens('warm-up');
  }

  async append(id: string, messages: MessageDto[]): Promise<AppendResponse> {
    const counted = messages.map(counting);

    const result = await this.changes.append(id, counted);
    this.metrics.appended(result.messages.length, sumTokens(result.messages));

    return {
      id,
      appended: result.messages.length,
      messageCount: result.messageCount,
      tokenCount: result.tokenCount,
      fencingToken: result.lastFencingToken,
      messages: result.messages.map(view),
    };
  }

  async read(id: string, limit: number, offset: number): Promise<MemoryPageResponse> {
    const page = await this.store.read(id, offset, limit);
    return {
      id,
      messageCount: page.messageCount,
      tokenCount: page.tokenCount,
      limit,
      offset,
      messages: page.messages.map(view),
    };
  }

  async stats(id: string): Promise<StatsResponse> {
    return { id, ...(await this.store.stats(id)) };
  }

  async replace(id: string, messages: MessageDto[]): Promise<ReplaceResponse> {
    const counted = messages.map(counting);

    const { removed, messageCount, tokenCount, lastSeq, lastFencingToken } =
      await this.changes.replace(id, counted);

    return { id, removed, messageCount, tokenCount, lastSeq, lastFencingToken };
  }

  async clear(id: string): Promise<ClearResponse> {
    const { cleared } = await this.changes.clear(id);
    return { id, cleared, messageCount: 0, tokenCount: 0 };
  }

  async flush(id: string, budget: FlushMemoryDto): Promise<FlushResponse> {
    const result = await this.changes.flush(id, {
      maxMessages: budget.maxMessages,
      maxTokens: budget.maxTokens,
    });
    this.metrics.flushed(result.trimmedSeqs.length, result.trimmedTokens);

    return {
      id,
      trimmedMessages: result.trimmedSeqs.length,
      trimmedTokens: result.trimmedTokens,
      trimmedSeqs: result.trimmedSeqs,
      messageCount: result.messageCount,
      tokenCount: result.tokenCount,
    };
  }
}

function counting({ role, content, metadata }: MessageDto): CountedMessage {
  const tokens = countTokens(content);
  return metadata === undefined ? { role, content, tokens } : { role, content, metadata, tokens };
}

function view({ seq, role, content, metadata, tokens, createdAt }: StoredMessage): MessageView {
  return metadata === undefined
    ? { seq, role, content, tokens, createdAt }
    : { seq, role, content, metadata, tokens, createdAt };
}

function sumTokens(messages: StoredMessage[]): number {
  return messages.reduce((sum, message) => sum + message.tokens, 0);
}
