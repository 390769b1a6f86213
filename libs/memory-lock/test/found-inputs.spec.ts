import { RedisServer } from '@memory-lock/redis-testing';
import { register } from 'prom-client';
import Redis from 'ioredis';
import {
  InvalidLockOptionsError,
  LockBackend,
  LockBackendError,
  LockHandle,
  lockKeys,
  LockLostError,
} from '../src';
import { delay, lockTestApp, LockTestApp } from './lock-test-app';

async function gauge(name: string, lock: string): Promise<number | undefined> {
  const values = (await register.getSingleMetric(name)?.get())?.values ?? [];
  return values.find((v) => v.labels.lock === lock)?.value;
}

describe('inputs that once broke the lock', () => {
  let redis: RedisServer;
  let t: LockTestApp;
  let client: Redis;

  beforeAll(async () => {
    redis = await RedisServer.start();
    client = new Redis(redis.url);
    t = await lockTestApp(redis.url, { recheckMs: 100, commandTimeoutMs: 200 });
  });

  afterAll(async () => {
    client.disconnect();
    await t.close();
    await redis.dispose();
  });

  it('shutdown withdraws local waiters before releasing, signals the holder, and another process gets the lock at once', async () => {
    const leaving = await lockTestApp(redis.url, { recheckMs: 100 });
    let holder: LockHandle | undefined;
    const holding = leaving.locks.withLock('found:shutdown', async (handle) => {
      holder = handle;
      await delay(1_500);
    });
    await delay(50);
    const queued = leaving.locks
      .acquire('found:shutdown', { waitTimeoutMs: Infinity })
      .catch((e) => e);
    await delay(150);

    await leaving.close();
    const started = Date.now();
    const next = await t.locks.acquire('found:shutdown', { waitTimeoutMs: 5_000 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(holder!.signal.aborted).toBe(true);
    expect(holder!.signal.reason).toBeInstanceOf(LockLostError);
    expect(holder!.signal.reason.reason).toBe('shutdown');
    expect((await queued).message).toMatch(/shutting down/);
    await next.release();
    await holding;
  });

  it('a waiter whose process dies in the queue holds up the next one for a heartbeat, not a lease', async () => {
    const dying = await lockTestApp(redis.url, { recheckMs: 100 });
    const holder = await t.locks.acquire('found:dead-waiter', { ttlMs: 30_000 });
    void dying.locks
      .acquire('found:dead-waiter', { ttlMs: 30_000, waitTimeoutMs: Infinity })
      .catch(() => undefined);
    await delay(150);
    const patient = t.locks.acquire('found:dead-waiter', { ttlMs: 30_000, waitTimeoutMs: 10_000 });
    await delay(150);

    await killConnections(dying);
    await holder.release();
    const started = Date.now();
    const next = await patient;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(next.fencingToken).toBe(holder.fencingToken + 2);
    await next.release();
    await dying.close().catch(() => undefined);
  });

  it('a handoff with a lease shorter than a heartbeat reports no more validity than Redis gives it', async () => {
    const name = 'found:short-handoff';
    const holder = await t.locks.acquire(name, { ttlMs: 300 });
    const waiting = t.locks.acquire(name, { ttlMs: 300, waitTimeoutMs: 5_000 });
    await delay(120);
    await holder.release();
    const next = await waiting;
    const pttl = await client.pttl(lockKeys('memlock', name).lock);
    expect(next.expiresAt - Date.now()).toBeLessThanOrEqual(Math.max(pttl, 0) + 5);
    await next.release();
  });

  it('a subscribe that timed out on a frozen server leaves no channel subscribed once it wakes', async () => {
    const name = 'found:orphan-channel';
    const backend = (t.locks as unknown as { backend: LockBackend }).backend;
    redis.pause();
    await expect(backend.subscribe(name, () => undefined)).rejects.toThrow(/timed out/);
    redis.resume();
    await delay(300);
    expect(await client.pubsub('CHANNELS', `*${name}*`)).toEqual([]);
  });

  it('three nested levels of the same name reuse the hold', async () => {
    const depth = await t.locks.withLock('found:r3', (a) =>
      t.locks.withLock(
        'found:r3',
        (b) => t.locks.withLock('found:r3', async (c) => [a, b, c].map((h) => h.fencingToken)),
        { waitTimeoutMs: 0 },
      ),
    );
    expect(new Set(depth).size).toBe(1);
  });

  it('a nested acquire with an aborted signal is refused', async () => {
    await t.locks.withLock('found:nested-abort', async () => {
      const controller = new AbortController();
      controller.abort(new Error('gave up'));
      await expect(
        t.locks.acquire('found:nested-abort', { signal: controller.signal }),
      ).rejects.toThrow('gave up');
    });
  });

  it('a nested handle kept past the outer hold learns that the lock was released', async () => {
    let nested: LockHandle | undefined;
    await t.locks.withLock('found:nested-outlives', async () => {
      nested = await t.locks.acquire('found:nested-outlives');
    });
    expect(nested!.signal.aborted).toBe(true);
    expect(nested!.signal.reason.reason).toBe('released');
  });

  it('withLocks hands back the handles in the order of the names given', async () => {
    const names = await t.locks.withLocks(['found:wb', 'found:wa', 'found:wb'], async (handles) =>
      handles.map((h) => h.name),
    );
    expect(names).toEqual(['found:wb', 'found:wa', 'found:wb']);
  });

  it('the held gauge returns to zero after a release that timed out and after a cancel that raced the grant', async () => {
    const kind = 'gauge_drift';
    const handle = await t.locks.acquire('found:gauge', { kind });
    expect(await gauge('memory_lock_held', kind)).toBe(1);
    redis.pause();
    await expect(handle.release()).rejects.toBeInstanceOf(LockBackendError);
    redis.resume();
    expect(await gauge('memory_lock_held', kind)).toBe(0);

    const controller = new AbortController();
    const backend = (
      t.locks as unknown as { backend: { tryAcquire: (...a: unknown[]) => Promise<unknown> } }
    ).backend;
    const original = backend.tryAcquire.bind(backend);
    const spy = jest.spyOn(backend, 'tryAcquire').mockImplementation(async (...args: unknown[]) => {
      const attempt = await original(...args);
      controller.abort(new Error('cancelled'));
      return attempt;
    });
    await expect(
      t.locks.acquire('found:gauge-race', { kind, signal: controller.signal }),
    ).rejects.toThrow('cancelled');
    spy.mockRestore();
    expect(await gauge('memory_lock_held', kind)).toBe(0);
  });

  it.each([1, 2, 9])(
    'a lease of %p ms is refused: it would be lost as soon as granted',
    (ttlMs) => {
      expect(() => t.locks.acquire('found:tiny', { ttlMs })).toThrow(InvalidLockOptionsError);
    },
  );

  it('names with lone surrogates are refused; they would share one Redis key', async () => {
    expect(() => t.locks.acquire('\ud800')).toThrow(InvalidLockOptionsError);
    expect(() => t.locks.acquire('x\udc00')).toThrow(InvalidLockOptionsError);
    const emoji = await t.locks.acquire('found:😀', { ttlMs: 10, autoRenew: false });
    await emoji.release();
  });
});

/** Ends a context's Redis connections abruptly, as a crashed process would. */
async function killConnections(app: LockTestApp): Promise<void> {
  const backend = (app.locks as unknown as { backend: { close(): Promise<void> } }).backend;
  await backend.close();
}
