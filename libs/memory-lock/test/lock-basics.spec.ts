import { RedisServer } from '@memory-lock/redis-testing';
import Redis from 'ioredis';
import {
  InvalidLockOptionsError,
  LOCK_BACKEND,
  LockBackend,
  LockBackendError,
  LockTimeoutError,
  lockKeys,
} from '../src';
import { delay, lockTestApp, LockTestApp } from './lock-test-app';

describe('DistributedLockService on Redis', () => {
  let redis: RedisServer;
  let t: LockTestApp;
  let client: Redis;

  beforeAll(async () => {
    redis = await RedisServer.start();
    t = await lockTestApp(redis.url);
    client = new Redis(redis.url);
  });

  afterAll(async () => {
    client.disconnect();
    await t.close();
    await redis.dispose();
  });

  it('grants a lock with an owner token, a fencing token and a lease in the future', async () => {
    const before = Date.now();
    const handle = await t.locks.acquire('basics:grant', { ttlMs: 5_000 });

    expect(handle.ownerToken).toMatch(/^[0-9a-f]{32}$/);
    expect(handle.fencingToken).toBe(1);
    expect(handle.expiresAt).toBeGreaterThan(before + 4_000);
    expect(handle.expiresAt).toBeLessThanOrEqual(Date.now() + 5_000);
    expect(await client.get(lockKeys('memlock', 'basics:grant').lock)).toBe(handle.ownerToken);

    expect(await handle.release()).toBe('released');
    expect(await client.exists(lockKeys('memlock', 'basics:grant').lock)).toBe(0);
  });

  it('fencing tokens only grow across grants of one name', async () => {
    const tokens: number[] = [];
    for (let i = 0; i < 5; i++) {
      await t.locks.withLock('basics:fence', async (h) => tokens.push(h.fencingToken));
    }
    expect(tokens).toEqual([1, 2, 3, 4, 5]);
  });

  it('tryAcquire makes one attempt and returns null while another owner holds the name', async () => {
    const holder = await t.locks.acquire('basics:try');
    const attempts = jest.spyOn(t.app.get<LockBackend>(LOCK_BACKEND), 'tryAcquire');
    expect(await t.locks.tryAcquire('basics:try')).toBeNull();
    expect(attempts).toHaveBeenCalledTimes(1);
    attempts.mockRestore();
    await holder.release();
    const next = await t.locks.tryAcquire('basics:try');
    expect(next).not.toBeNull();
    await next!.release();
  });

  it('the loser of a contended acquire gets LockTimeoutError after its wait', async () => {
    const holder = await t.locks.acquire('basics:contended');
    const started = Date.now();
    const error = await t.locks.acquire('basics:contended', { waitTimeoutMs: 300 }).catch((e) => e);
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect(error.lockName).toBe('basics:contended');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await holder.release();
  });

  it('waitTimeoutMs 0 makes exactly one attempt', async () => {
    const holder = await t.locks.acquire('basics:once');
    const error = await t.locks.acquire('basics:once', { waitTimeoutMs: 0 }).catch((e) => e);
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect(error.attempts).toBe(1);
    await holder.release();
  });

  it('a waiter gets the lock as soon as the holder releases it', async () => {
    const holder = await t.locks.acquire('basics:handoff', { ttlMs: 10_000 });
    const waiting = t.locks.acquire('basics:handoff', { waitTimeoutMs: 5_000 });
    await delay(100);
    const releasedAt = Date.now();
    await holder.release();
    const next = await waiting;
    expect(Date.now() - releasedAt).toBeLessThan(200);
    expect(next.fencingToken).toBe(holder.fencingToken + 1);
    await next.release();
  });

  it('release is idempotent and says what happened', async () => {
    const handle = await t.locks.acquire('basics:twice');
    expect(await handle.release()).toBe('released');
    expect(await handle.release()).toBe('released');

    const short = await t.locks.acquire('basics:expired', { ttlMs: 100, autoRenew: false });
    await delay(200);
    expect(await short.release()).toBe('expired');

    const stolen = await t.locks.acquire('basics:stolen', { ttlMs: 100, autoRenew: false });
    await delay(200);
    const thief = await t.locks.acquire('basics:stolen');
    expect(await stolen.release()).toBe('not-owner');
    expect(await thief.release()).toBe('released');
  });

  it.each([
    ['ttlMs', 123.45],
    ['ttlMs', 0],
    ['ttlMs', -1],
    ['ttlMs', NaN],
    ['ttlMs', Infinity],
    ['ttlMs', 2 ** 31],
    ['waitTimeoutMs', -5],
    ['waitTimeoutMs', 1.5],
    ['kind', 'memory:42'],
  ])(
    'throws InvalidLockOptionsError for %s=%p synchronously, before any backend call',
    (option, value) => {
      const attempts = jest.spyOn(t.app.get<LockBackend>(LOCK_BACKEND), 'tryAcquire');
      let thrown: unknown;
      try {
        void t.locks.acquire('basics:options', { [option]: value });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InvalidLockOptionsError);
      expect((thrown as InvalidLockOptionsError).option).toBe(option);
      expect(() => t.locks.withLock('basics:options', async () => 1, { [option]: value })).toThrow(
        InvalidLockOptionsError,
      );
      expect(attempts).not.toHaveBeenCalled();
      attempts.mockRestore();
    },
  );

  it('rejects an empty name and a name over 512 bytes', async () => {
    expect(() => t.locks.acquire('')).toThrow(InvalidLockOptionsError);
    expect(() => t.locks.acquire('é'.repeat(257))).toThrow(InvalidLockOptionsError);
    const ok = await t.locks.acquire('x'.repeat(512));
    await ok.release();
  });

  it('a lock name equal to an application key does not touch that key', async () => {
    await client.set('memory:42', 'application data');
    await t.locks.withLock('memory:42', async () => {
      expect(await client.get('memory:42')).toBe('application data');
    });
    expect(await client.get('memory:42')).toBe('application data');
  });

  it('an unreachable Redis gives LockBackendError with the cause', async () => {
    const other = await RedisServer.start();
    const app = await lockTestApp(other.url, { commandTimeoutMs: 300 });
    await other.kill();
    const error = await app.locks.acquire('basics:down', { waitTimeoutMs: 0 }).catch((e) => e);
    expect(error).toBeInstanceOf(LockBackendError);
    expect(error.cause).toBeInstanceOf(Error);
    await app.close();
    await other.dispose();
  });
});
