import { RedisServer, ScriptProcess } from '@memory-lock/redis-testing';
import { join } from 'node:path';
import Redis from 'ioredis';
import { delay, lockTestApp, LockTestApp } from './lock-test-app';

import { FENCED_SET } from './workers/fenced-set';

jest.setTimeout(90_000);

describe('locks across processes', () => {
  let redis: RedisServer;
  let client: Redis;
  let t: LockTestApp;

  beforeAll(async () => {
    redis = await RedisServer.start();
    client = new Redis(redis.url);
    t = await lockTestApp(redis.url);
  });

  afterAll(async () => {
    client.disconnect();
    await t.close();
    await redis.dispose();
  });

  it.each([
    ['fair', '1'],
    ['unfair', '0'],
  ])('%s: several processes never hold one name together, and each gets it', async (_, fair) => {
    await client.del('test:inside', 'test:counter');
    const workers = Array.from({ length: 4 }, (_, i) =>
      startWorker({
        REDIS_URL: redis.url,
        MODE: 'count',
        LOCK_NAME: `mp:count:${fair}`,
        WORKER_ID: `w${i}`,
        ITERATIONS: '25',
        FAIR: fair,
      }),
    );
    const done = await Promise.all(workers.map((w) => w.next('done')));
    await Promise.all(workers.map((w) => w.exited));

    expect(done.map((d) => d.event)).toEqual(['done', 'done', 'done', 'done']);
    expect(done.map((d) => d.violations)).toEqual([0, 0, 0, 0]);
    expect(done.map((d) => d.acquired)).toEqual([25, 25, 25, 25]);
    expect(Number(await client.get('test:counter'))).toBe(100);
  });

  it('fair waiters in different processes are granted in arrival order', async () => {
    const name = 'mp:fair-order';
    await client.del('test:order');
    const holder = await t.locks.acquire(name, { ttlMs: 30_000 });
    const workers: ScriptProcess[] = [];
    for (let i = 0; i < 4; i++) {
      const worker = startWorker({
        REDIS_URL: redis.url,
        MODE: 'queue',
        LOCK_NAME: name,
        WORKER_ID: `q${i}`,
      });
      workers.push(worker);
      await worker.next('ready');
      await waitFor(async () => (await t.locks.inspect(name)).waiters === i + 1);
    }

    await holder.release();
    await Promise.all(workers.map((w) => w.next('done')));

    expect(await client.lrange('test:order', 0, -1)).toEqual(['q0', 'q1', 'q2', 'q3']);
    const tokens = await Promise.all(
      workers.map(async (w) => (await w.next('granted')).fencingToken),
    );
    expect(tokens).toEqual([2, 3, 4, 5]);
  });

  it('a holder paused past its lease is fenced off: its late write is refused and the newer one stays', async () => {
    const name = 'mp:fenced';
    await client.del('test:fenced:value', 'test:fenced:token');
    const paused = startWorker({
      REDIS_URL: redis.url,
      MODE: 'fenced',
      LOCK_NAME: name,
      WORKER_ID: 'paused',
      TTL_MS: '500',
    });
    const first = await paused.next('granted');
    paused.signal('SIGSTOP');

    const second = await t.locks.acquire(name, { waitTimeoutMs: 5_000 });
    expect(second.fencingToken).toBeGreaterThan(first.fencingToken as number);
    expect(
      await client.eval(
        FENCED_SET,
        2,
        'test:fenced:value',
        'test:fenced:token',
        'written by second',
        second.fencingToken,
      ),
    ).toBe(1);

    paused.signal('SIGCONT');
    paused.send('write');
    const wrote = await paused.next('wrote');
    expect(wrote.accepted).toBe(0);
    expect(await client.get('test:fenced:value')).toBe('written by second');
    await second.release();
    await paused.exited;
  });
});

function startWorker(env: Record<string, string>): ScriptProcess {
  const script = join(__dirname, 'workers/lock-worker.ts');
  return new ScriptProcess(script, 'libs/memory-lock/tsconfig.spec.json', env);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await delay(20);
  }
}
