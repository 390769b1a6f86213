import { NestExpressApplication } from '@nestjs/platform-express';
import { DistributedLockService, LockLostError } from '@memory-lock/core';
import { RedisServer } from '@memory-lock/redis-testing';
import { promtoolCheckMetrics } from '../support/promtool';
import { delay, listen, startTestApp, user } from '../support/test-app';

describe('/metrics of a live app on Redis, after traffic (promtool check metrics)', () => {
  let server: RedisServer;
  let app: NestExpressApplication;
  let base: string;

  beforeAll(async () => {
    server = await RedisServer.start();
    app = await startTestApp({ redisUrl: server.url, lockWaitTimeoutMs: 100 });
    base = await listen(app);
  });

  afterAll(async () => {
    await app?.close();
    await server?.dispose();
  });

  const send = (method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  /** Every kind of answer and lock outcome the app has, so that every series shows up. */
  async function traffic(): Promise<void> {
    expect((await send('POST', '/memories/lint/messages', { messages: [user('hi')] })).status).toBe(
      201,
    );
    expect((await send('GET', '/memories/lint?limit=5')).status).toBe(200);
    expect((await send('GET', '/memories/lint/stats')).status).toBe(200);
    expect((await send('POST', '/memories/lint/flush', { maxMessages: 0 })).status).toBe(200);
    expect((await send('PUT', '/memories/lint', { messages: [user('again')] })).status).toBe(200);
    expect((await send('DELETE', '/memories/lint')).status).toBe(200);
    expect((await send('POST', '/memories/lint/messages', { messages: [] })).status).toBe(400);
    expect((await send('GET', '/no/such/route')).status).toBe(404);
    expect((await send('GET', '/health/ready')).status).toBe(200);

    // Lock timeouts: the memory's lock is held elsewhere while the app waits 100 ms for it.
    const locks = app.get(DistributedLockService);
    const held = await locks.acquire('memory:lint', { kind: 'memory' });
    for (let i = 0; i < 3; i++) {
      const res = await send('POST', '/memories/lint/messages', { messages: [user('blocked')] });
      expect(res.status).toBe(409);
    }
    await held.release();

    // A lost lock: a lease that nothing renews runs out while held.
    const lapsing = await locks.acquire('lint:lapsing', {
      kind: 'memory',
      ttlMs: 200,
      autoRenew: false,
    });
    await delay(400);
    expect(lapsing.signal.reason).toBeInstanceOf(LockLostError);
  }

  it('passes the linter with no problem reported', async () => {
    await traffic();

    const res = await fetch(`${base}/metrics`);
    const scrape = await res.text();

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(scrape).toMatch(/^memory_lock_acquire_total\{lock="memory",result="timeout"\} 3$/m);
    expect(scrape).toMatch(/^memory_lock_lost_total\{lock="memory",reason="expired"\} 1$/m);
    // Series of a used kind start at zero, so that alerts on increase() see a first loss.
    expect(scrape).toMatch(/^memory_lock_lost_total\{lock="memory",reason="stolen"\} 0$/m);
    expect(scrape).toMatch(/^memory_lock_renewals_total\{lock="memory",result="failed"\} 0$/m);
    expect(scrape).toMatch(
      /^memory_api_http_requests_total\{route="unmatched",method="GET",status="404"\} 1$/m,
    );
    expect(scrape).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(promtoolCheckMetrics(scrape)).toEqual({ status: 0, output: '' });
  });

  it('has no process gauge whose name ends in _total, and keeps their per-type gauges', async () => {
    const scrape = await (await fetch(`${base}/metrics`)).text();
    const gauges = [...scrape.matchAll(/^# TYPE (\S+) gauge$/gm)].map((m) => m[1]);

    expect(gauges.filter((name) => name.endsWith('_total'))).toEqual([]);
    expect(gauges).toEqual(
      expect.arrayContaining(['nodejs_active_handles', 'nodejs_active_requests']),
    );
  });
});
