import { NestExpressApplication } from '@nestjs/platform-express';
import { DistributedLockService, LockLostError, LuaScript } from '@memory-lock/core';
import { RedisServer } from '@memory-lock/redis-testing';
import { Redis } from 'ioredis';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { CapturedLogs } from '../support/captured-logs';
import { metricSum } from '../support/metric-values';
import { delay, startTestApp, user } from '../support/test-app';

/** Longest time from Redis answering again to `/health/ready` answering 200; the README states it. */
const RECOVERY_BOUND_MS = 5_000;

const SCRIPTS = join(__dirname, '../../src/memory/store/scripts');
/** The append script as the store sends it: the shared change functions, then its own body. */
const APPEND_SCRIPT_SHA = LuaScript.fromFile(
  join(SCRIPTS, 'append.lua'),
  readFileSync(join(SCRIPTS, 'changes.lua'), 'utf8'),
).sha;

describe('Redis outages: health, recovery, lost locks (e2e, real redis-server)', () => {
  let server: RedisServer;
  let inspector: Redis;
  let app: NestExpressApplication;
  let http: ReturnType<NestExpressApplication['getHttpServer']>;
  const logs = new CapturedLogs();

  beforeAll(async () => {
    server = await RedisServer.start();
    inspector = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    inspector.on('error', () => undefined);
    app = await startTestApp({ redisUrl: server.url, lockWaitTimeoutMs: 500 }, logs);
    http = app.getHttpServer();
  });

  afterAll(async () => {
    await app?.close();
    if (inspector && inspector.status !== 'end') inspector.disconnect();
    await server?.dispose();
  });

  beforeEach(async () => {
    // Each test starts ready, with the readiness log already at "ready".
    await readyWithin(RECOVERY_BOUND_MS);
    logs.clear();
  });

  /** Polls `/health/ready` until it answers 200; resolves with the time that took, in ms. */
  async function readyWithin(boundMs: number): Promise<number> {
    const started = performance.now();
    for (;;) {
      const res = await request(http).get('/health/ready');
      const elapsed = performance.now() - started;
      if (res.status === 200) return elapsed;
      if (elapsed > boundMs) throw new Error(`not ready after ${boundMs} ms: ${res.text}`);
      await delay(50);
    }
  }

  const append = (id: string, content: string) =>
    request(http)
      .post(`/memories/${id}/messages`)
      .send({ messages: [user(content)] });

  it('stays live while Redis is killed, is not ready with a reason, and is ready again by itself', async () => {
    await server.kill();

    for (let i = 0; i < 3; i++) await request(http).get('/health/live').expect(200);
    const down = await request(http).get('/health/ready').expect(503);
    expect(down.body.status).toBe('error');
    expect(down.body.error.lock).toMatchObject({ status: 'down', backend: 'redis' });
    expect(down.body.error.store).toMatchObject({ status: 'down', backend: 'redis' });
    expect(down.body.error.lock.reason).toEqual(expect.any(String));
    expect(down.body.error.store.reason).toEqual(expect.any(String));
    await request(http).get('/health/ready').expect(503);

    await server.restart();
    const recoveryMs = await readyWithin(RECOVERY_BOUND_MS);

    expect(recoveryMs).toBeLessThan(RECOVERY_BOUND_MS);
    await request(http).get('/health/live').expect(200);
  });

  it('takes new locks after a restart and loads the scripts Redis lost, with no NOSCRIPT for a caller', async () => {
    await append('scripts', 'before the restart').expect(201);
    await inspector.connect();
    expect(await inspector.script('EXISTS', APPEND_SCRIPT_SHA)).toEqual([1]);
    inspector.disconnect();

    await server.kill();
    await server.restart();
    await inspector.connect();
    expect(await inspector.script('EXISTS', APPEND_SCRIPT_SHA)).toEqual([0]);
    await readyWithin(RECOVERY_BOUND_MS);

    const res = await append('scripts', 'after the restart').expect(201);
    expect(res.body).toMatchObject({ appended: 1, messageCount: 1, fencingToken: 1 });
    await append('scripts', 'and again').expect(201);
    expect(await inspector.script('EXISTS', APPEND_SCRIPT_SHA)).toEqual([1]);
    const locks = app.get(DistributedLockService);
    expect(await locks.inspect('memory:scripts')).toMatchObject({ held: false, fencingToken: 2 });
    inspector.disconnect();
    expect(logs.text).not.toContain('NOSCRIPT');
  });

  it('is not ready while Redis does not answer (paused), within the bound, and ready after resume', async () => {
    server.pause();
    try {
      const started = performance.now();
      const down = await request(http).get('/health/ready').expect(503);
      const answeredMs = performance.now() - started;

      expect(answeredMs).toBeLessThan(2_500);
      expect(down.body.error.lock.reason).toMatch(/took longer than \d+ ms/);
      expect(down.body.error.store.reason).toMatch(/took longer than \d+ ms/);
      await request(http).get('/health/live').expect(200);
    } finally {
      server.resume();
    }

    expect(await readyWithin(RECOVERY_BOUND_MS)).toBeLessThan(RECOVERY_BOUND_MS);
  });

  it('signals a lock held through an outage as lost once its lease is over, and counts it', async () => {
    const locks = app.get(DistributedLockService);
    const lostBefore = await metricSum('memory_lock_lost_total', { lock: 'memory' });
    const handle = await locks.acquire('memory:held-through-outage', {
      kind: 'memory',
      ttlMs: 1_500,
    });
    const lost = new Promise<number>((resolve) =>
      handle.signal.addEventListener('abort', () => resolve(performance.now()), { once: true }),
    );

    const killedAt = performance.now();
    await server.kill();
    await delay(2_000);

    expect(handle.signal.aborted).toBe(true);
    expect(handle.signal.reason).toBeInstanceOf(LockLostError);
    expect((handle.signal.reason as LockLostError).lockName).toBe('memory:held-through-outage');
    expect((await lost) - killedAt).toBeLessThan(1_500);
    expect(await metricSum('memory_lock_lost_total', { lock: 'memory' })).toBe(lostBefore + 1);

    await server.restart();
    await readyWithin(RECOVERY_BOUND_MS);
    expect(await handle.release()).toBe('expired');
  });

  it('logs each readiness change once, however many probes and requests fail meanwhile', async () => {
    await server.kill();
    for (let i = 0; i < 3; i++) {
      await request(http).get('/health/ready').expect(503);
      await append('logged', `during the outage ${i}`).expect(503);
    }
    await server.restart();
    await readyWithin(RECOVERY_BOUND_MS);
    for (let i = 0; i < 3; i++) await request(http).get('/health/ready').expect(200);

    expect(logs.matching(/^not ready: /, 'HealthController')).toHaveLength(1);
    expect(logs.matching(/^ready: /, 'HealthController')).toHaveLength(1);
    expect(logs.matching(/^not ready: lock: .+; store: .+/)).toHaveLength(1);
    expect(logs.matching(/Redis connection lost/, 'RedisConnection')).toHaveLength(1);
    expect(logs.matching(/Redis connection recovered/, 'RedisConnection')).toHaveLength(1);
    const backendMonitor = logs.lines.filter((line) => line.context === 'BackendMonitor');
    expect(backendMonitor.map((line) => line.level)).toEqual(['warn', 'log']);
    // Nothing per failed request or probe: 3 probes and 3 appends failed.
    expect(logs.lines.length).toBeLessThanOrEqual(8);
  });
});
