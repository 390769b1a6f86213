import { NestExpressApplication } from '@nestjs/platform-express';
import { DistributedLockService } from '@memory-lock/core';
import { RedisServer } from '@memory-lock/redis-testing';
import { register } from 'prom-client';
import { listen, startTestApp, user } from '../support/test-app';

const FEW = 10;
const MANY = 3_000;
const PARALLEL = 50;
const ADMIN_TOKEN = 'cardinality-admin-token';

/** Every series of the app's and the lock's metrics in the registry, as `name{labels}`. */
async function seriesOfOurs(): Promise<string[]> {
  const metrics = await register.getMetricsAsJSON();
  return metrics
    .filter((metric) => /^memory_(api|lock)_/.test(metric.name))
    .flatMap((metric) =>
      metric.values.map((sample) => {
        const name = (sample as { metricName?: string }).metricName ?? metric.name;
        const labels = Object.entries(sample.labels)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, value]) => `${key}="${value}"`);
        return `${name}{${labels.join(',')}}`;
      }),
    )
    .sort();
}

describe('metric series do not grow with the number of memories and lock names (e2e, Redis)', () => {
  let server: RedisServer;
  let app: NestExpressApplication;
  let locks: DistributedLockService;
  let base: string;

  beforeAll(async () => {
    server = await RedisServer.start();
    app = await startTestApp({
      redisUrl: server.url,
      lockWaitTimeoutMs: 0,
      adminEnabled: true,
      adminToken: ADMIN_TOKEN,
    });
    locks = app.get(DistributedLockService);
    base = await listen(app);
  });

  afterAll(async () => {
    await app?.close();
    await server?.dispose();
  });

  async function send(method: string, path: string, body?: unknown): Promise<number> {
    const headers: Record<string, string> = { authorization: `Bearer ${ADMIN_TOKEN}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    await res.arrayBuffer();
    return res.status;
  }

  /**
   * What one memory id goes through: a change, a read, an unknown path, an admin inspection of
   * its lock, a lock timeout, and a lock of another kind named after it.
   */
  async function useMemory(id: string): Promise<number[]> {
    const statuses = [
      await send('POST', `/memories/${id}/messages`, { messages: [user(`hello ${id}`)] }),
      await send('GET', `/memories/${id}/stats`),
      await send('GET', `/memories/${id}/no-such-thing`),
      await send('GET', `/admin/locks/memory:${id}`),
    ];

    const held = await locks.acquire(`memory:${id}`, { kind: 'memory' });
    statuses.push(await send('DELETE', `/memories/${id}`));
    await held.release();

    await locks.withLock(`report:${id}`, () => undefined, { kind: 'report' });
    return statuses;
  }

  async function useMemories(from: number, to: number): Promise<void> {
    for (let start = from; start < to; start += PARALLEL) {
      const ids = Array.from(
        { length: Math.min(PARALLEL, to - start) },
        (_, i) => `c-${start + i}`,
      );
      const results = await Promise.all(ids.map(useMemory));
      for (const statuses of results) expect(statuses).toEqual([201, 200, 404, 200, 409]);
    }
  }

  it(`has as many memory_api_* and memory_lock_* series after ${MANY} ids as after ${FEW}`, async () => {
    await useMemories(0, FEW);
    const afterFew = await seriesOfOurs();

    await useMemories(FEW, MANY);
    const afterMany = await seriesOfOurs();

    expect(afterMany.length).toBe(afterFew.length);
    expect(afterMany).toEqual(afterFew);
    expect(afterFew.some((series) => series.includes('c-'))).toBe(false);
    expect(afterMany).toContain(
      'memory_api_http_requests_total{method="DELETE",route="/memories/:id",status="409"}',
    );
    expect(afterMany).toContain(
      'memory_api_http_requests_total{method="GET",route="/admin/locks/:name",status="200"}',
    );
    expect(afterMany).toContain('memory_lock_acquire_total{lock="memory",result="timeout"}');
    expect(afterMany).toContain('memory_lock_acquire_total{lock="report",result="acquired"}');

    const acquired = (await register.getSingleMetricAsString('memory_lock_acquire_total')).match(
      /^memory_lock_acquire_total\{lock="report",result="acquired"\} (\d+)$/m,
    );
    expect(Number(acquired?.[1])).toBe(MANY);
  });
});
