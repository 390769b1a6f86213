import { RedisServer } from '@memory-lock/redis-testing';
import Redis from 'ioredis';
import {
  LOCK_BACKEND,
  LockBackend,
  LockBackendError,
  LockHandle,
  lockKeys,
  LockTimeoutError,
} from '../src';
import { delay, lockTestApp, LockTestApp } from './lock-test-app';

describe('waiting: notices, re-checks, fairness, cancellation', () => {
  let redis: RedisServer;
  let client: Redis;
  let t: LockTestApp;
  let backend: LockBackend;

  beforeAll(async () => {
    redis = await RedisServer.start();
    client = new Redis(redis.url);
    t = await lockTestApp(redis.url, { recheckMs: 100, commandTimeoutMs: 200 });
    backend = t.app.get<LockBackend>(LOCK_BACKEND);
  });

  afterAll(async () => {
    client.disconnect();
    await t.close();
    await redis.dispose();
  });

  afterEach(() => jest.restoreAllMocks());

  it.each([true, false])(
    'fair=%p: a release published just before the waiter subscribes is not missed',
    async (fair) => {
      const name = `wait:early-notice:${fair}`;
      const holder = await t.locks.acquire(name, { ttlMs: 20_000 });
      const subscribe = backend.subscribe.bind(backend);
      jest.spyOn(backend, 'subscribe').mockImplementation(async (n, listener) => {
        await holder.release();
        return subscribe(n, listener);
      });
      const started = Date.now();
      const handle = await t.locks.acquire(name, { fair, waitTimeoutMs: 5_000 });
      expect(Date.now() - started).toBeLessThan(500);
      await handle.release();
    },
  );

  it('a waiter whose notices are lost still gets the lock within the re-check bound', async () => {
    const name = 'wait:lost-notice';
    const holder = await t.locks.acquire(name, { ttlMs: 20_000 });
    jest
      .spyOn(backend, 'subscribe')
      .mockImplementation(async () => ({ unsubscribe: () => undefined }));
    const waiting = t.locks.acquire(name, { fair: false, waitTimeoutMs: 5_000 });
    await delay(300);
    const releasedAt = Date.now();
    await holder.release();
    const handle = await waiting;
    expect(Date.now() - releasedAt).toBeLessThan(100 + 400);
    await handle.release();
  });

  it('fair waiters in one process are served in arrival order, each handed the lock on release', async () => {
    const name = 'wait:fair-order';
    const holder = await t.locks.acquire(name);
    const order: number[] = [];
    const waiters: Promise<void>[] = [];
    for (let i = 0; i < 5; i++) {
      waiters.push(
        t.locks.withLock(name, async () => void order.push(i), { waitTimeoutMs: 10_000 }),
      );
      await waitUntil(async () => (await t.locks.inspect(name)).waiters === i + 1);
    }
    await holder.release();
    await Promise.all(waiters);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('a fair waiter starts work on the handoff notice without another round trip, then claims its full lease', async () => {
    // A re-check far apart, so that only the notice can bring the grant.
    const slow = await lockTestApp(redis.url, { recheckMs: 5_000 });
    const slowBackend = slow.app.get<LockBackend>(LOCK_BACKEND);
    const name = 'wait:no-claim-trip';
    const holder = await t.locks.acquire(name, { ttlMs: 10_000 });
    const attempts = jest.spyOn(slowBackend, 'tryAcquire');
    const renewals = jest.spyOn(slowBackend, 'renew');
    const waiting = slow.locks.acquire(name, { ttlMs: 10_000, waitTimeoutMs: 5_000 });
    const channel = lockKeys('memlock', name).channel;
    await waitUntil(
      async () => ((await client.pubsub('NUMSUB', channel)) as [string, number])[1] === 1,
    );
    await waitUntil(async () => attempts.mock.calls.length === 2);

    await holder.release();
    const next = await waiting;
    expect(attempts).toHaveBeenCalledTimes(2);
    expect(next.fencingToken).toBe(holder.fencingToken + 1);
    await waitUntil(async () => renewals.mock.calls.length > 0);
    await waitUntil(async () => (await client.pttl(lockKeys('memlock', name).lock)) > 9_000);
    expect(next.expiresAt - Date.now()).toBeGreaterThan(9_000);
    await next.release();
    await slow.close();
  });

  it('a waiter of a name this process already listens to needs one attempt and no new subscription', async () => {
    // A re-check far apart, so that the spies see only the attempts of the second waiter.
    const slow = await lockTestApp(redis.url, { recheckMs: 5_000 });
    const slowBackend = slow.app.get<LockBackend>(LOCK_BACKEND);
    const name = 'wait:live-channel';
    const holder = await t.locks.acquire(name, { ttlMs: 10_000 });
    const first = slow.locks.acquire(name, { waitTimeoutMs: 5_000 });
    const channel = lockKeys('memlock', name).channel;
    await waitUntil(
      async () => ((await client.pubsub('NUMSUB', channel)) as [string, number])[1] === 1,
    );
    await delay(20);

    const attempts = jest.spyOn(slowBackend, 'tryAcquire');
    const subscribes = jest.spyOn(slowBackend, 'subscribe');
    const second = slow.locks.acquire(name, { waitTimeoutMs: 5_000 });
    await waitUntil(async () => (await slow.locks.inspect(name)).waiters === 2);
    await delay(20);
    expect(attempts).toHaveBeenCalledTimes(1);
    expect(subscribes).not.toHaveBeenCalled();

    await holder.release();
    await (await first).release();
    await (await second).release();
    await slow.close();
  });

  it('a waiter that gives up leaves the queue, and the next one is not held up by it', async () => {
    const name = 'wait:give-up';
    const keys = lockKeys('memlock', name);
    const holder = await t.locks.acquire(name);
    const quitter = t.locks.acquire(name, { waitTimeoutMs: 300 }).catch((e) => e);
    await delay(50);
    const patient = t.locks.acquire(name, { waitTimeoutMs: 5_000 });
    expect(await quitter).toBeInstanceOf(LockTimeoutError);
    expect(await client.lrange(keys.queue, 0, -1)).toHaveLength(1);
    expect((await t.locks.inspect(name)).waiters).toBe(1);

    await holder.release();
    const next = await patient;
    expect(next.fencingToken).toBe(holder.fencingToken + 1);
    await next.release();
    expect(await client.llen(keys.queue)).toBe(0);
    expect(await client.hlen(keys.waiters)).toBe(0);
  });

  it('an unbounded wait lasts until the lock is free, and an abort ends it', async () => {
    const name = 'wait:infinite';
    const holder = await t.locks.acquire(name, { ttlMs: 20_000 });
    const forever = t.locks.acquire(name, { waitTimeoutMs: Infinity });
    await delay(600);
    await holder.release();
    const handle = await forever;
    expect(handle.fencingToken).toBe(holder.fencingToken + 1);

    const controller = new AbortController();
    const aborted = t.locks
      .acquire(name, { waitTimeoutMs: Infinity, signal: controller.signal })
      .catch((e) => e);
    await delay(200);
    controller.abort(new Error('caller gave up'));
    expect((await aborted).message).toBe('caller gave up');
    expect((await t.locks.inspect(name)).waiters).toBe(0);
    await handle.release();
  });

  it('a cancel that races the grant releases what was granted before rejecting', async () => {
    const name = 'wait:cancel-race';
    const controller = new AbortController();
    const tryAcquire = backend.tryAcquire.bind(backend);
    jest.spyOn(backend, 'tryAcquire').mockImplementation(async (request) => {
      const attempt = await tryAcquire(request);
      controller.abort(new Error('cancelled while granted'));
      return attempt;
    });
    const error = await t.locks.acquire(name, { signal: controller.signal }).catch((e) => e);
    expect(error.message).toBe('cancelled while granted');
    expect((await t.locks.inspect(name)).held).toBe(false);
  });

  it('a grant that a frozen Redis runs after the caller gave up is released, not left for a whole lease', async () => {
    const name = 'wait:frozen';
    redis.pause();
    const error = await t.locks.acquire(name, { ttlMs: 30_000, waitTimeoutMs: 0 }).catch((e) => e);
    expect(error).toBeInstanceOf(LockBackendError);
    redis.resume();
    await waitUntil(
      async () => (await client.exists(lockKeys('memlock', name).lock)) === 1,
      1_000,
    ).catch(() => undefined);
    await waitUntil(async () => (await client.exists(lockKeys('memlock', name).lock)) === 0, 2_000);
    const next = await t.locks.acquire(name, { waitTimeoutMs: 0 });
    await next.release();
  });

  it('inspect tells held, remaining lease, fencing token and waiters', async () => {
    const name = 'wait:inspect';
    expect(await t.locks.inspect(name)).toEqual({
      name,
      held: false,
      remainingMs: 0,
      fencingToken: 0,
      waiters: 0,
    });
    const holder = await t.locks.acquire(name, { ttlMs: 10_000 });
    const waiter = t.locks.acquire(name, { waitTimeoutMs: 5_000 });
    await waitUntil(async () => (await t.locks.inspect(name)).waiters === 1);
    const seen = await t.locks.inspect(name);
    expect(seen.held).toBe(true);
    expect(seen.remainingMs).toBeGreaterThan(9_000);
    expect(seen.fencingToken).toBe(holder.fencingToken);
    await holder.release();
    const next: LockHandle = await waiter;
    await next.release();
  });
  it('forceRelease frees a stuck holder, hands the lock on with a higher token, and the holder learns it lost', async () => {
    const name = 'wait:force';
    const stuck = await t.locks.acquire(name, { ttlMs: 600 });
    const waiting = t.locks.acquire(name, { waitTimeoutMs: 5_000 });
    await waitUntil(async () => (await t.locks.inspect(name)).waiters === 1);

    expect(await t.locks.forceRelease(name)).toBe(true);
    const next = await waiting;
    expect(next.fencingToken).toBe(stuck.fencingToken + 1);
    await new Promise((resolve) => stuck.signal.addEventListener('abort', resolve, { once: true }));
    expect(stuck.signal.reason.reason).toBe('stolen');
    expect(await next.release()).toBe('released');
    expect(await t.locks.forceRelease(name)).toBe(false);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await delay(10);
  }
}
