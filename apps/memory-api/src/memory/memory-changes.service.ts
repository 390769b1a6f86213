import { Inject, Injectable } from '@nestjs/common';
import { currentLock, WithLock } from '@memory-lock/core';
import { MemoryMetrics } from '../metrics/memory-metrics.service';
import {
  AppendResult,
  ClearResult,
  FlushBudget,
  FlushResult,
  MEMORY_STORE,
  MemoryStore,
  NewMessage,
  ReplaceResult,
} from './store/memory-store';
import { StaleFencingTokenError } from './store/stale-fencing-token.error';

/** A message whose tokens are counted, waiting for its time stamp. */
export type CountedMessage = Omit<NewMessage, 'createdAt'>;

/** Name of the one lock every change of memory `id` runs under. */
export function memoryLockName(id: string): string {
  return `memory:${id}`;
}

/** `kind` is the metrics label of the lock: one value for all memories. */
const MEMORY_LOCK = { kind: 'memory' };

/**
 * Every change of a memory, each run while holding the lock `memory:<id>` and handing its fencing
 * token to the store. It is a class of its own because `@WithLock()` holds the lock for the whole
 * method: work that needs no lock, such as counting tokens, is done by the caller beforehand.
 */
@Injectable()
export class MemoryChanges {
  constructor(
    @Inject(MEMORY_STORE) private readonly store: MemoryStore,
    private readonly metrics: MemoryMetrics,
  ) {}

  @WithLock(memoryLockName, MEMORY_LOCK)
  async append(id: string, messages: CountedMessage[]): Promise<AppendResult> {
    return this.fenced(id, (token) => this.store.append(id, stamped(messages), token));
  }

  @WithLock(memoryLockName, MEMORY_LOCK)
  async replace(id: string, messages: CountedMessage[]): Promise<ReplaceResult> {
    return this.fenced(id, (token) => this.store.replace(id, stamped(messages), token));
  }

  @WithLock(memoryLockName, MEMORY_LOCK)
  async clear(id: string): Promise<ClearResult> {
    return this.fenced(id, (token) => this.store.clear(id, token));
  }

  @WithLock(memoryLockName, MEMORY_LOCK)
  async flush(id: string, budget: FlushBudget): Promise<FlushResult> {
    return this.fenced(id, (token) => this.store.flush(id, budget, token));
  }

  private async fenced<T>(id: string, change: (fencingToken: number) => Promise<T>): Promise<T> {
    const lock = currentLock(memoryLockName(id));
    if (!lock) throw new Error(`A change of memory "${id}" ran without holding its lock`);
    // A lock lost while waiting for the store is caught by the fencing token; one already lost is
    // reported now, as LockLostError, instead of writing at all.
    lock.signal.throwIfAborted();

    try {
      return await change(lock.fencingToken);
    } catch (error) {
      if (error instanceof StaleFencingTokenError) this.metrics.fencingRejected();
      throw error;
    }
  }
}

/** Messages of one change share one time stamp, taken while the lock is held. */
function stamped(messages: CountedMessage[]): NewMessage[] {
  const createdAt = new Date().toISOString();
  return messages.map((message) => ({ ...message, createdAt }));
}
