import { RedisModule } from '@liaoliaots/nestjs-redis';
import { RedisServer } from '@memory-lock/redis-testing';
import { Test } from '@nestjs/testing';
import { register } from 'prom-client';
import { DistributedLockService, LockHealthIndicator, MemoryLockModule } from '../src';
import { delay, lockTestApp, LockTestApp } from './lock-test-app';

async function sample(name: string, labels: Record<string, string>): Promise<number | undefined> {
  const values = (await register.getSingleMetric(name)?.get())?.values ?? [];
  const found = values.find((v) => Object.entries(labels).every(([k, val]) => v.labels[k] === val));
  return found?.value;
}

describe('health indicator and metrics', () => {
  let redis: RedisServer;
  let t: LockTestApp;

  beforeAll(async () => {
    redis = await RedisServer.start();
    t = await lockTestApp(redis.url, { commandTimeoutMs: 300 });
  });

  afterAll(async () => {
    await t.close();
    await redis.dispose();
  });

  it('is up with the backend named, down with a reason while Redis is gone, and up again by itself', async () => {
    const health = t.app.get(LockHealthIndicator);
    const up = await health.isHealthy('lock');
    expect(up.lock).toMatchObject({ status: 'up', backend: 'redis' });

    await redis.kill();
    const down = await health.isHealthy('lock', 500);
    expect(down.lock.status).toBe('down');
    expect(typeof down.lock.reason).toBe('string');
    expect(await sample('memory_lock_backend_up', { backend: 'redis' })).toBe(0);

    await redis.restart();
    const deadline = Date.now() + 5_000;
    let again = await health.isHealthy('lock', 500);
    while (again.lock.status !== 'up' && Date.now() < deadline) {
      await delay(100);
      again = await health.isHealthy('lock', 500);
    }
    expect(again.lock.status).toBe('up');
    expect(await sample('memory_lock_backend_up', { backend: 'redis' })).toBe(1);
  });

  it('counts acquires by result, waiters and holders now, holds and releases, under the kind label', async () => {
    const kind = 'metered';
    const holder = await t.locks.acquire('metrics:a', { kind });
    expect(await sample('memory_lock_held', { lock: kind })).toBe(1);
    expect(await sample('memory_lock_lost_total', { lock: kind, reason: 'stolen' })).toBe(0);

    const waiting = t.locks.acquire('metrics:a', { kind, waitTimeoutMs: 200 }).catch((e) => e);
    await delay(50);
    expect(await sample('memory_lock_waiters', { lock: kind })).toBe(1);
    await waiting;
    expect(await sample('memory_lock_waiters', { lock: kind })).toBe(0);

    await holder.release();
    expect(await sample('memory_lock_held', { lock: kind })).toBe(0);
    expect(await sample('memory_lock_acquire_total', { lock: kind, result: 'acquired' })).toBe(1);
    expect(await sample('memory_lock_acquire_total', { lock: kind, result: 'timeout' })).toBe(1);
    expect(await sample('memory_lock_release_total', { lock: kind, result: 'released' })).toBe(1);
    const hold = ((await register.getSingleMetric('memory_lock_hold_seconds')?.get())?.values ??
      []) as { metricName?: string; labels: Record<string, unknown>; value: number }[];
    const count = hold.find(
      (v) => v.metricName === 'memory_lock_hold_seconds_count' && v.labels.lock === kind,
    );
    expect(count?.value).toBe(1);
  });

  it('the lock label stays the kind: thousands of names add no series', async () => {
    const seriesCount = async () =>
      (await register.getMetricsAsJSON())
        .filter((m) => m.name.startsWith('memory_lock_'))
        .reduce((n, m) => n + m.values.length, 0);
    await t.locks.withLock('cardinality:0', async () => undefined, { kind: 'many' });
    const before = await seriesCount();
    for (let i = 1; i <= 2_000; i++) {
      await t.locks.withLock(`cardinality:${i}`, async () => undefined, { kind: 'many' });
    }
    expect(await seriesCount()).toBe(before);
  });

  it('forRootAsync takes its options from a factory', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        RedisModule.forRoot({ config: { url: redis.url } }),
        MemoryLockModule.forRootAsync({ useFactory: async () => ({ keyPrefix: 'async-prefix' }) }),
      ],
    }).compile();
    const app = await moduleRef.init();
    const locks = app.get(DistributedLockService);
    await locks.withLock('async:a', async (handle) => expect(handle.fencingToken).toBe(1));
    await app.close();
  });
});
