import * as http from 'http';
import { AddressInfo } from 'net';

import { parseExposition } from './exposition';
import { checkNames, hintFor, usedNames } from './metric-check';
import { fetchMetrics } from './scrape';

const SCRAPE = `# TYPE memory_lock_wait_seconds histogram
memory_lock_wait_seconds_bucket{le="+Inf",lock="memory"} 1
memory_lock_wait_seconds_sum{lock="memory"} 0.1
memory_lock_wait_seconds_count{lock="memory"} 1
# TYPE memory_lock_lost_total counter
# TYPE memory_lock_held gauge
memory_lock_held{lock="memory"} 0
`;

describe('usedNames', () => {
  it('gathers each name once with every place that reads it', () => {
    const used = usedNames([
      { where: 'AlertA', expr: 'rate(x_total[5m]) > 0' },
      { where: 'panel "P"', expr: 'sum(rate(x_total[1m])) + y' },
      { where: 'panel "P"', expr: 'y' },
    ]);

    expect(used).toEqual([
      { name: 'x_total', usedIn: ['AlertA', 'panel "P"'] },
      { name: 'y', usedIn: ['panel "P"'] },
    ]);
  });
});

describe('checkNames', () => {
  const exposition = parseExposition(SCRAPE);
  const entry = (name: string) => ({ name, usedIn: ['somewhere'] });

  it('sorts names into present, declared only, missing and made by Prometheus', () => {
    const check = checkNames(
      [
        entry('memory_lock_wait_seconds_bucket'),
        entry('memory_lock_held'),
        entry('memory_lock_lost_total'),
        entry('memory_lock_wait_seconds'),
        entry('memory_lock_waiters'),
        entry('up'),
      ],
      exposition,
    );

    expect(check.present.map((e) => e.name)).toEqual([
      'memory_lock_wait_seconds_bucket',
      'memory_lock_held',
    ]);
    expect(check.declaredOnly.map((e) => e.name)).toEqual(['memory_lock_lost_total']);
    expect(check.missing.map((e) => e.name)).toEqual([
      'memory_lock_wait_seconds',
      'memory_lock_waiters',
    ]);
    expect(check.skipped.map((e) => e.name)).toEqual(['up']);
  });

  it('explains a histogram read by its base name or a misspelled suffix', () => {
    expect(hintFor('memory_lock_wait_seconds', exposition)).toMatch(/histogram.*_bucket/);
    expect(hintFor('memory_lock_held_total', exposition)).toBe(
      'memory_lock_held is exposed as a gauge',
    );
    expect(hintFor('memory_lock_waiters', exposition)).toBeUndefined();
  });
});

describe('fetchMetrics', () => {
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/metrics') res.end(SCRAPE);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('returns the page text', async () => {
    await expect(fetchMetrics(`${base}/metrics`)).resolves.toBe(SCRAPE);
  });

  it('names the URL and the status when the page is not there', async () => {
    await expect(fetchMetrics(`${base}/nope`)).rejects.toThrow(`${base}/nope: HTTP 404`);
  });
});
