/**
 * A separate Node process that contends for locks through the library, driven by the spec that
 * spawned it. Environment: REDIS_URL, LOCK_NAME, WORKER_ID, MODE (`count` or `queue`), ITERATIONS,
 * TTL_MS, FAIR. Prints one JSON line per event on stdout.
 */
import 'reflect-metadata';
import { RedisModule } from '@liaoliaots/nestjs-redis';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { DistributedLockService, MemoryLockModule } from '../../src';
import { FENCED_SET } from './fenced-set';

const env = process.env;
const url = env.REDIS_URL!;
const name = env.LOCK_NAME ?? 'contended';
const id = env.WORKER_ID ?? String(process.pid);
const ttlMs = Number(env.TTL_MS ?? 5_000);
const fair = env.FAIR !== '0';

@Module({
  imports: [
    RedisModule.forRoot({ config: { url } }),
    MemoryLockModule.forRoot({ defaults: { ttlMs, fair, waitTimeoutMs: 60_000, kind: 'worker' } }),
  ],
})
class WorkerModule {}

function emit(event: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify({ id, ...event }) + '\n');
}

/** Mutual exclusion check: an inside counter that must be 1, and a read-modify-write that must not lose updates. */
async function count(locks: DistributedLockService, redis: Redis): Promise<void> {
  const iterations = Number(env.ITERATIONS ?? 20);
  let violations = 0;
  let acquired = 0;
  for (let i = 0; i < iterations; i++) {
    await locks.withLock(name, async () => {
      acquired += 1;
      if ((await redis.incr('test:inside')) !== 1) violations += 1;
      const value = Number(await redis.get('test:counter'));
      await new Promise((resolve) => setImmediate(resolve));
      await redis.set('test:counter', String(value + 1));
      await redis.decr('test:inside');
    });
  }
  emit({ event: 'done', acquired, violations });
}

/** Waits for the lock once and records the order of grants. */
async function queue(locks: DistributedLockService, redis: Redis): Promise<void> {
  emit({ event: 'ready' });
  await locks.withLock(name, async (handle) => {
    await redis.rpush('test:order', id);
    emit({ event: 'granted', fencingToken: handle.fencingToken });
  });
  emit({ event: 'done' });
}

/** Takes the lock, reports its fencing token, then writes through a fenced script when told to. */
async function fencedWrite(locks: DistributedLockService, redis: Redis): Promise<void> {
  const handle = await locks.acquire(name, { ttlMs, autoRenew: false });
  emit({ event: 'granted', fencingToken: handle.fencingToken });
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  process.stdin.destroy();
  const accepted = await redis.eval(
    FENCED_SET,
    2,
    'test:fenced:value',
    'test:fenced:token',
    `written by ${id}`,
    handle.fencingToken,
  );
  emit({ event: 'wrote', accepted, lost: handle.signal.aborted });
  await handle.release();
}

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  const locks = app.get(DistributedLockService);
  const redis = new Redis(url);
  const modes = { count, queue, fenced: fencedWrite };
  await modes[(env.MODE ?? 'count') as keyof typeof modes](locks, redis);
  redis.disconnect();
  await app.close();
}

main().catch((error) => {
  emit({ event: 'error', message: String(error) });
  process.exit(1);
});
