import type { Redis } from 'ioredis';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LuaScript } from '@memory-lock/core';
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
} from './memory-store';
import { memoryKeys } from './redis-memory-keys';
import { StaleFencingTokenError } from './stale-fencing-token.error';
import { decodeStoredMessage, encodeMessageBody } from './stored-message-codec';
import { toStoreError } from './to-store-error';

const scriptPath = (name: string) => join(__dirname, 'scripts', `${name}.lua`);
/** Functions every change script shares: the fencing check and the pushing of new messages. */
const CHANGE_FUNCTIONS = readFileSync(scriptPath('changes'), 'utf8');
const change = (name: string) => LuaScript.fromFile(scriptPath(name), CHANGE_FUNCTIONS);

const SCRIPTS = {
  append: change('append'),
  replace: change('replace'),
  clear: change('clear'),
  flush: change('flush'),
  read: LuaScript.fromFile(scriptPath('read')),
};

/** Stale-token answer of every change script: `{0, lastFence}`. */
type Refused = [0, number];

/**
 * Memories in Redis: a list of message JSON and a meta hash per memory, changed only by the Lua
 * scripts under `scripts/`, each of which checks the fencing token first.
 */
export class RedisMemoryStore implements MemoryStore {
  readonly description = 'redis';

  constructor(
    private readonly client: Redis,
    private readonly keyPrefix: string,
  ) {}

  async append(id: string, messages: NewMessage[], fencingToken: number): Promise<AppendResult> {
    const reply = await this.change(id, fencingToken, 'append', messageArgs(messages));
    const [, firstSeq, messageCount, tokenCount, lastSeq, fence] = reply as number[];

    return {
      messageCount,
      tokenCount,
      lastSeq,
      lastFencingToken: fence,
      messages: messages.map((message, i) => ({ seq: firstSeq + i, ...message })),
    };
  }

  async replace(id: string, messages: NewMessage[], fencingToken: number): Promise<ReplaceResult> {
    const reply = await this.change(id, fencingToken, 'replace', messageArgs(messages));
    const [, removed, messageCount, tokenCount, lastSeq, fence] = reply as number[];

    return { removed, messageCount, tokenCount, lastSeq, lastFencingToken: fence };
  }

  async clear(id: string, fencingToken: number): Promise<ClearResult> {
    const reply = await this.change(id, fencingToken, 'clear', []);
    const [, cleared, lastSeq, fence] = reply as number[];

    return { cleared, messageCount: 0, tokenCount: 0, lastSeq, lastFencingToken: fence };
  }

  async flush(id: string, budget: FlushBudget, fencingToken: number): Promise<FlushResult> {
    const args = [budget.maxMessages ?? '', budget.maxTokens ?? ''];
    const reply = await this.change(id, fencingToken, 'flush', args);
    const [, trimmedSeqs, trimmedTokens, messageCount, tokenCount, lastSeq, fence] = reply as [
      1,
      number[],
      ...number[],
    ];

    return {
      trimmedSeqs,
      trimmedTokens,
      messageCount,
      tokenCount,
      lastSeq,
      lastFencingToken: fence,
    };
  }

  async read(id: string, offset: number, limit: number): Promise<MemoryPage> {
    const reply = await this.call('read', () =>
      SCRIPTS.read.run(this.client, memoryKeys(this.keyPrefix, id), [offset, offset + limit - 1]),
    );
    const [messageCount, tokenCount, messages] = reply as [number, number, string[]];

    return { messageCount, tokenCount, messages: messages.map(decodeStoredMessage) };
  }

  async stats(id: string): Promise<MemoryStats> {
    const [, meta] = memoryKeys(this.keyPrefix, id);
    const values = await this.call('stats', () =>
      this.client.hmget(meta, 'messageCount', 'tokenCount', 'lastSeq', 'fence'),
    );
    const [messageCount, tokenCount, lastSeq, fence] = values.map((value) => Number(value ?? 0));

    return { messageCount, tokenCount, lastSeq, lastFencingToken: fence };
  }

  async ping(): Promise<void> {
    await this.call('ping', () => this.client.ping());
  }

  /** Runs a change script and turns its stale-token answer into a `StaleFencingTokenError`. */
  private async change(
    id: string,
    fencingToken: number,
    script: 'append' | 'replace' | 'clear' | 'flush',
    args: (string | number)[],
  ): Promise<unknown[]> {
    const keys = memoryKeys(this.keyPrefix, id);
    const reply = (await this.call(script, () =>
      SCRIPTS[script].run(this.client, keys, [fencingToken, ...args]),
    )) as unknown[];

    if (reply[0] === 0) {
      throw new StaleFencingTokenError(id, fencingToken, (reply as Refused)[1]);
    }
    return reply;
  }

  private async call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toStoreError(operation, error);
    }
  }
}

function messageArgs(messages: NewMessage[]): (string | number)[] {
  return messages.flatMap((message) => [message.tokens, encodeMessageBody(message)]);
}
