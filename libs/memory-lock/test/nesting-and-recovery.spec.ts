import { RedisModule } from '@liaoliaots/nestjs-redis';
import { RedisServer } from '@memory-lock/redis-testing';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import Redis from 'ioredis';
import {
  currentLock,
  DistributedLockService,
  LockHandle,
  MemoryLockModule,
  WithLock,
} from '../src';
import { delay, lockTestApp, LockTestApp } from './lock-test-app';

@Injectable()
class Ledger {
  readonly seen: { name?: string; fencingToken?: number }[] = [];

  @WithLock('ledger:{0}', { kind: 'ledger' })
  async post(account: string, nested: boolean): Promise<number> {
    const lock = currentLock(`ledger:${account}`)!;
    this.seen.push({ name: lock.name, fencingToken: lock.fencingToken });
    if (nested) await this.post(account, false);
    return lock.fencingToken;
  }

  @WithLock((order: { id: string }) => `order:${order.id}`)
  async ship(_order: { id: string }): Promise<string> {
    return currentLock()!.name;
  }
}

describe('reentrancy, several names, @WithLock and script loss', () => {
  let redis: RedisServer;
  let client: Redis;
  let t: LockTestApp;

  beforeAll(async () => {
    redis = await RedisServer.start();
    client = new Redis(redis.url);
    t = await lockTestApp(redis.url, {}, { providers: [Ledger] });
  });

  afterAll(async () => {
    client.disconnect();
    await t.close();
    await redis.dispose();
  });

  it('a nested acquire of the same name in the same async context reuses the hold', async () => {
    const result = await t.locks.withLock('nest:a', async (outer) => {
      const inner = await t.locks.acquire('nest:a', { waitTimeoutMs: 0 });
      expect(inner.fencingToken).toBe(outer.fencingToken);
      expect(await inner.release()).toBe('released');
      expect((await t.locks.inspect('nest:a')).held).toBe(true);
      return t.locks.withLock('nest:a', async (again) => again.fencingToken, { waitTimeoutMs: 0 });
    });
    expect(result).toBe(1);
    expect((await t.locks.inspect('nest:a')).held).toBe(false);
  });

  it('the same name from another async context still waits', async () => {
    const holder = await t.locks.acquire('nest:b');
    await expect(t.locks.withLock('nest:b', async () => 1, { waitTimeoutMs: 100 })).rejects.toThrow(
      'held by another owner',
    );
    await holder.release();
  });

  it('@WithLock names the lock from the arguments, holds it, and nests', async () => {
    const ledger = t.app.get(Ledger);
    const token = await ledger.post('acct-7', true);
    expect(ledger.seen).toEqual([
      { name: 'ledger:acct-7', fencingToken: token },
      { name: 'ledger:acct-7', fencingToken: token },
    ]);
    expect(await ledger.ship({ id: 'o-1' })).toBe('order:o-1');
    expect((await t.locks.inspect('ledger:acct-7')).held).toBe(false);
  });

  it('@WithLock waits while another owner holds the name', async () => {
    const ledger = t.app.get(Ledger);
    const holder = await t.locks.acquire('ledger:busy');
    let done = false;
    const posting = ledger.post('busy', false).then(() => (done = true));
    await delay(150);
    expect(done).toBe(false);
    await holder.release();
    await posting;
    expect(done).toBe(true);
  });

  it('a class with @WithLock in a module without MemoryLockModule fails at start-up and says so', async () => {
    @Module({ providers: [Ledger] })
    class LonelyModule {}
    const compiling = Test.createTestingModule({ imports: [LonelyModule] }).compile();
    await expect(compiling).rejects.toThrow(/import MemoryLockModule into the module/);
  });

  it('a non-global MemoryLockModule does not reach other modules', async () => {
    @Module({ providers: [Ledger] })
    class FeatureModule {}
    const compiling = Test.createTestingModule({
      imports: [MemoryLockModule.forRoot({ backend: 'in-memory', isGlobal: false }), FeatureModule],
    }).compile();
    await expect(compiling).rejects.toThrow(/Ledger/);
  });

  it('MemoryLockModule.forRoot() needs no options, and without a Redis client says what is missing', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [RedisModule.forRoot({ config: { url: redis.url } }), MemoryLockModule.forRoot()],
    }).compile();
    const app = await moduleRef.init();
    await app
      .get(DistributedLockService)
      .withLock('defaults:a', async (h) => expect(h.fencingToken).toBe(1));
    await app.close();

    const alone = Test.createTestingModule({ imports: [MemoryLockModule.forRoot()] }).compile();
    await expect(alone).rejects.toThrow(/import RedisModule.forRoot/);
  });

  it('withLocks takes names in one order: opposite orders both finish', async () => {
    const runs = Array.from({ length: 10 }, (_, i) =>
      t.locks.withLocks(
        i % 2 ? ['pair:x', 'pair:y'] : ['pair:y', 'pair:x'],
        async (handles: LockHandle[]) => {
          await delay(5);
          return handles.map((h) => h.name).join(',');
        },
      ),
    );
    expect(await Promise.all(runs)).toEqual(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? 'pair:x,pair:y' : 'pair:y,pair:x')),
    );
  });

  it('after SCRIPT FLUSH the next call reloads the scripts and no caller sees NOSCRIPT', async () => {
    await client.script('FLUSH');
    const handle = await t.locks.acquire('scripts:flushed');
    await client.script('FLUSH');
    expect(await handle.release()).toBe('released');
  });

  it('after Redis restarts, the next acquire works again', async () => {
    await redis.kill();
    await redis.restart();
    const deadline = Date.now() + 5_000;
    let handle: LockHandle | undefined;
    while (!handle && Date.now() < deadline) {
      handle = await t.locks
        .acquire('scripts:restart', { waitTimeoutMs: 0 })
        .catch(() => undefined);
      if (!handle) await delay(100);
    }
    expect(handle?.fencingToken).toBeGreaterThan(0);
    expect(await handle!.release()).toBe('released');
    client.disconnect();
    client = new Redis(redis.url);
  });
});

describe('the in-memory backend', () => {
  it('grants, fences, queues fairly and hands off like the Redis one', async () => {
    const t = await lockTestApp(undefined);
    const locks: DistributedLockService = t.locks;
    const first = await locks.acquire('mem:a');
    expect(first.fencingToken).toBe(1);
    expect(await locks.tryAcquire('mem:a')).toBeNull();
    const order: number[] = [];
    const waiters = [0, 1, 2].map(() =>
      locks.withLock('mem:a', async (h) => void order.push(h.fencingToken)),
    );
    await delay(20);
    expect((await locks.inspect('mem:a')).waiters).toBe(3);
    expect(await first.release()).toBe('released');
    await Promise.all(waiters);
    expect(order).toEqual([2, 3, 4]);
    expect(await first.release()).toBe('released');
    const short = await locks.acquire('mem:b', { ttlMs: 50, autoRenew: false });
    await delay(80);
    expect(await short.release()).toBe('expired');
    await t.close();
  });
});
