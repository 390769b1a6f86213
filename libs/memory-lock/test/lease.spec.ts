import { RedisServer } from '@memory-lock/redis-testing';
import Redis from 'ioredis';
import { register } from 'prom-client';
import { LOCK_BACKEND, LockBackend, lockKeys, LockLostError } from '../src';
import { delay, lockTestApp, LockTestApp } from './lock-test-app';

/** Blocks this process's event loop, as a long GC pause or a CPU-bound task would. */
function blockEventLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // spin
  }
}

async function counter(name: string, labels: Record<string, string>): Promise<number> {
  const metric = (await register.getSingleMetric(name)?.get())?.values ?? [];
  const found = metric.find((v) => Object.entries(labels).every(([k, val]) => v.labels[k] === val));
  return found?.value ?? 0;
}

describe('leases: renewal, loss and validity', () => {
  let redis: RedisServer;
  let client: Redis;
  let t: LockTestApp;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    redis = await RedisServer.start();
    client = new Redis(redis.url);
    t = await lockTestApp(redis.url, { commandTimeoutMs: 150 });
  });

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    client.disconnect();
    await t.close();
    await redis.dispose();
  });

  afterEach(() => expect(unhandled).toEqual([]));

  it('a routine that runs 5 x ttl under contention keeps the lock the whole time', async () => {
    const name = 'lease:long';
    const renewedBefore = await counter('memory_lock_renewals_total', {
      lock: 'long',
      result: 'ok',
    });
    const holder = await t.locks.acquire(name, { ttlMs: 300, kind: 'long', fair: false });
    const contender = t.locks.acquire(name, { waitTimeoutMs: 5_000, kind: 'long' });
    for (let i = 0; i < 15; i++) {
      await delay(100);
      expect(holder.signal.aborted).toBe(false);
      expect(await client.get(lockKeys('memlock', name).lock)).toBe(holder.ownerToken);
    }
    expect(await holder.release()).toBe('released');
    expect(
      await counter('memory_lock_renewals_total', { lock: 'long', result: 'ok' }),
    ).toBeGreaterThanOrEqual(renewedBefore + 12);
    const next = await contender;
    expect(next.fencingToken).toBe(holder.fencingToken + 1);
    await next.release();
  });

  it('after release nothing renews, even for a release right after acquire', async () => {
    const backend = t.app.get<LockBackend>(LOCK_BACKEND);
    const renew = jest.spyOn(backend, 'renew');
    const handle = await t.locks.acquire('lease:release-now', { ttlMs: 150 });
    await handle.release();
    await delay(400);
    expect(renew).not.toHaveBeenCalled();
    renew.mockRestore();
  });

  it('signals LockLostError (stolen) when another owner took the key', async () => {
    const name = 'lease:stolen';
    const handle = await t.locks.acquire(name, { ttlMs: 300, kind: 'stolen' });
    await client.set(lockKeys('memlock', name).lock, 'someone-else', 'PX', 5_000);
    await new Promise((resolve) =>
      handle.signal.addEventListener('abort', resolve, { once: true }),
    );
    expect(handle.signal.reason).toBeInstanceOf(LockLostError);
    expect(handle.signal.reason.reason).toBe('stolen');
    expect(await client.get(lockKeys('memlock', name).lock)).toBe('someone-else');
    expect(await handle.release()).toBe('not-owner');
  });

  it('a holder whose event loop stalls past its lease learns it lost the lock; a late renewal takes nothing back', async () => {
    const name = 'lease:paused';
    const lostBefore = await counter('memory_lock_lost_total', {
      lock: 'paused',
      reason: 'expired',
    });
    const handle = await t.locks.acquire(name, { ttlMs: 200, kind: 'paused' });
    blockEventLoop(400);
    await client.set(lockKeys('memlock', name).lock, 'next-owner', 'PX', 5_000);
    await delay(50);
    expect(handle.signal.aborted).toBe(true);
    expect(handle.signal.reason.reason).toBe('expired');
    expect(await counter('memory_lock_lost_total', { lock: 'paused', reason: 'expired' })).toBe(
      lostBefore + 1,
    );

    const backend = t.app.get<LockBackend>(LOCK_BACKEND);
    expect(await backend.renew(name, handle.ownerToken, 200)).toBe('stolen');
    expect(await client.get(lockKeys('memlock', name).lock)).toBe('next-owner');
  });

  it('a command timeout during renewal is retried, never unhandled, and the lock survives', async () => {
    const name = 'lease:timeout';
    const retriedBefore = await counter('memory_lock_renewals_total', {
      lock: 'flaky',
      result: 'retried',
    });
    const handle = await t.locks.acquire(name, { ttlMs: 1_500, kind: 'flaky' });
    await delay(450);
    redis.pause();
    await delay(400);
    redis.resume();
    await delay(900);
    expect(handle.signal.aborted).toBe(false);
    expect(
      await counter('memory_lock_renewals_total', { lock: 'flaky', result: 'retried' }),
    ).toBeGreaterThan(retriedBefore);
    expect(await client.get(lockKeys('memlock', name).lock)).toBe(handle.ownerToken);
    expect(await handle.release()).toBe('released');
  });

  it('renewals that keep timing out end in a loss reported through the signal, never an unhandled rejection', async () => {
    const handle = await t.locks.acquire('lease:backend-gone', { ttlMs: 600, kind: 'gone' });
    redis.pause();
    const reason = await new Promise<LockLostError>((resolve) =>
      handle.signal.addEventListener('abort', () => resolve(handle.signal.reason), { once: true }),
    );
    redis.resume();
    expect(reason).toBeInstanceOf(LockLostError);
    expect(['backend', 'expired']).toContain(reason.reason);
    await handle.release().catch(() => undefined);
  });

  it('a waiter that retries while another holder keeps the name 1200 ms gets most of a 1000 ms lease', async () => {
    const name = 'lease:validity';
    const holder = await t.locks.acquire(name, { ttlMs: 5_000 });
    setTimeout(() => void holder.release(), 1_200);
    const handle = await t.locks.acquire(name, { ttlMs: 1_000, waitTimeoutMs: 5_000, fair: false });
    const left = handle.expiresAt - Date.now();
    expect(left).toBeGreaterThan(750);
    expect(left).toBeLessThanOrEqual(1_000);
    await handle.release();
  });
});
