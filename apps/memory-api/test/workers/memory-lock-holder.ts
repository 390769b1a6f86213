/**
 * A second holder of a memory's lock, in its own Node process, for specs that kill or freeze it.
 * It takes `memory:<MEMORY_ID>` through the library, says so, and on a `write <text>` line from
 * its parent appends that text through the memory store with the fencing token it was granted,
 * however long ago that was.
 *
 * Environment: REDIS_URL, MEMORY_ID, TTL_MS (lease), MEMORY_KEY_PREFIX.
 * Prints one JSON line per event on stdout: `granted`, `wrote`, `refused`, `error`.
 */
import 'reflect-metadata';
import { RedisModule } from '@liaoliaots/nestjs-redis';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DistributedLockService, MemoryLockModule } from '@memory-lock/core';
import { Redis } from 'ioredis';
import { createInterface } from 'node:readline';
import { memoryLockName } from '../../src/memory/memory-changes.service';
import { RedisMemoryStore } from '../../src/memory/store/redis-memory.store';
import { StaleFencingTokenError } from '../../src/memory/store/stale-fencing-token.error';

const env = process.env;
const url = env.REDIS_URL ?? '';
const id = env.MEMORY_ID ?? 'holder';
const ttlMs = Number(env.TTL_MS ?? 1_500);
const prefix = env.MEMORY_KEY_PREFIX ?? 'memapi';

@Module({
  imports: [RedisModule.forRoot({ config: { url } }), MemoryLockModule.forRoot({})],
})
class HolderModule {}

function emit(event: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`);
}

/** The one line the parent sends; stdin is closed after it, so that the process can end. */
function lineFromParent(): Promise<string> {
  const lines = createInterface({ input: process.stdin });
  return new Promise((resolve) =>
    lines.once('line', (line) => {
      lines.close();
      process.stdin.destroy();
      resolve(line);
    }),
  );
}

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(HolderModule, { logger: ['error'] });
  const locks = app.get(DistributedLockService);
  const handle = await locks.acquire(memoryLockName(id), {
    kind: 'memory',
    ttlMs,
    waitTimeoutMs: 10_000,
  });
  emit('granted', { fencingToken: handle.fencingToken, pid: process.pid });

  const line = await lineFromParent();
  const client = new Redis(url);
  const store = new RedisMemoryStore(client, prefix);
  const message = { role: 'user' as const, content: line.replace(/^write /, ''), tokens: 1 };
  try {
    const result = await store.append(
      id,
      [{ ...message, createdAt: new Date().toISOString() }],
      handle.fencingToken,
    );
    emit('wrote', { lastFencingToken: result.lastFencingToken, lost: handle.signal.aborted });
  } catch (error) {
    if (!(error instanceof StaleFencingTokenError)) throw error;
    emit('refused', { error: error.name, message: error.message, lost: handle.signal.aborted });
  }

  client.disconnect();
  await app.close();
}

main().catch((error: unknown) => {
  emit('error', { message: String(error) });
  process.exit(1);
});
