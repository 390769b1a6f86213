/**
 * Writes a scrape file of synthetic memory-api metrics, for drawing the dashboard preview before
 * a live app is at hand. Two replicas take appends for 60 simulated seconds: lock contention
 * from 20 s to 32 s, and the second replica loses its backend from 40 s to 46 s. The metrics
 * are real prom-client metrics with the contract's names; the events are random but seeded, so
 * the output is the same each run.
 *
 * Labelled counters start at zero for every result and reason, as the library should do: a series
 * that first appears with the value 1 shows no increase to rate() or increase().
 *
 * Usage: npx ts-node --transpile-only tools/ops/simulate-scrapes.ts [out.json]
 * render-dashboard.ts uses it when given neither --url nor --input.
 */
import * as fs from 'fs';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

import { ScrapeRecord, ScrapeSeriesFile } from './scrape-series';

const TICK_S = 0.05;
const SCRAPE_EVERY_S = 2;
const DURATION_S = 60;
const KIND = 'memory';

// A seeded generator (mulberry32), so the output does not change between runs.
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function metricsOf(registry: Registry) {
  const counter = (name: string, labelNames: string[] = []) =>
    new Counter({ name, help: name, labelNames, registers: [registry] });
  const gauge = (name: string, labelNames: string[]) =>
    new Gauge({ name, help: name, labelNames, registers: [registry] });
  const histogram = (name: string, labelNames: string[], buckets?: number[]) =>
    new Histogram({
      name,
      help: name,
      labelNames,
      registers: [registry],
      ...(buckets && { buckets }),
    });

  return {
    acquire: counter('memory_lock_acquire_total', ['lock', 'result']),
    wait: histogram(
      'memory_lock_wait_seconds',
      ['lock'],
      [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    ),
    hold: histogram(
      'memory_lock_hold_seconds',
      ['lock'],
      [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
    ),
    held: gauge('memory_lock_held', ['lock']),
    waiters: gauge('memory_lock_waiters', ['lock']),
    renewals: counter('memory_lock_renewals_total', ['lock', 'result']),
    lost: counter('memory_lock_lost_total', ['lock', 'reason']),
    release: counter('memory_lock_release_total', ['lock', 'result']),
    backendUp: gauge('memory_lock_backend_up', ['backend']),
    requests: counter('memory_api_http_requests_total', ['route', 'method', 'status']),
    duration: histogram('memory_api_http_request_duration_seconds', ['route', 'method']),
    messages: counter('memory_api_messages_appended_total'),
    tokens: counter('memory_api_tokens_appended_total'),
    flushes: counter('memory_api_flushes_total'),
    trimmedMessages: counter('memory_api_flush_trimmed_messages_total'),
    trimmedTokens: counter('memory_api_flush_trimmed_tokens_total'),
    fencing: counter('memory_api_fencing_rejections_total'),
  };
}

interface Append {
  start: number;
  waitEnd: number;
  holdEnd: number;
  timedOut: boolean;
  acquired: boolean;
}

class Replica {
  readonly registry = new Registry();
  readonly m = metricsOf(this.registry);
  private appends: Append[] = [];

  constructor(
    readonly instance: string,
    private readonly rnd: () => number,
    private readonly outage: [number, number] | undefined,
  ) {
    this.m.backendUp.set({ backend: 'redis' }, 1);
    for (const result of ['acquired', 'timeout', 'aborted', 'error']) {
      this.m.acquire.inc({ lock: KIND, result }, 0);
    }
    for (const result of ['ok', 'retried', 'failed'])
      this.m.renewals.inc({ lock: KIND, result }, 0);
    for (const reason of ['expired', 'stolen', 'backend'])
      this.m.lost.inc({ lock: KIND, reason }, 0);
    for (const result of ['released', 'expired', 'not_owner', 'error']) {
      this.m.release.inc({ lock: KIND, result }, 0);
    }
  }

  tick(now: number): void {
    const down = this.outage !== undefined && now >= this.outage[0] && now < this.outage[1];
    const contended = now >= 20 && now < 32;
    this.m.backendUp.set({ backend: 'redis' }, down ? 0 : 1);

    for (let n = this.poisson(30 * TICK_S); n > 0; n--) this.arrive(now, down, contended);
    for (let n = this.poisson(15 * TICK_S); n > 0; n--)
      this.answer('/memories/:id', 'GET', '200', 0.004);
    if (this.rnd() < 1 * TICK_S) this.answer('/memories/:id', 'GET', '404', 0.002);
    if (this.rnd() < 0.2 * TICK_S) this.flush();

    this.renew(now, down);
    this.settle(now);
  }

  private arrive(now: number, down: boolean, contended: boolean): void {
    if (down) {
      this.m.acquire.inc({ lock: KIND, result: 'error' });
      this.m.wait.observe({ lock: KIND }, 0.002);
      this.answer('/memories/:id/messages', 'POST', '503', 0.003);
      return;
    }

    const timedOut = contended && this.rnd() < 0.03;
    const wait = timedOut ? 10 : this.exp(contended ? 0.35 : 0.006);
    const hold = this.rnd() < 0.01 ? 12 + this.rnd() : this.exp(0.012);
    this.m.waiters.inc({ lock: KIND });
    this.appends.push({
      start: now,
      waitEnd: now + wait,
      holdEnd: now + wait + hold,
      timedOut,
      acquired: false,
    });
  }

  private settle(now: number): void {
    for (const a of this.appends) {
      if (!a.acquired && now >= a.waitEnd) {
        a.acquired = true;
        this.m.waiters.dec({ lock: KIND });
        this.m.wait.observe({ lock: KIND }, a.waitEnd - a.start);
        this.m.acquire.inc({ lock: KIND, result: a.timedOut ? 'timeout' : 'acquired' });
        if (a.timedOut) this.answer('/memories/:id/messages', 'POST', '503', a.waitEnd - a.start);
        else this.m.held.inc({ lock: KIND });
      }
      if (a.acquired && !a.timedOut && now >= a.holdEnd) {
        this.m.held.dec({ lock: KIND });
        this.m.hold.observe({ lock: KIND }, a.holdEnd - a.waitEnd);
        this.m.release.inc({ lock: KIND, result: 'released' });
        const messages = 1 + Math.floor(this.rnd() * 3);
        this.m.messages.inc(messages);
        this.m.tokens.inc(messages * (20 + Math.floor(this.rnd() * 180)));
        this.answer('/memories/:id/messages', 'POST', '201', a.holdEnd - a.start);
      }
    }
    this.appends = this.appends.filter((a) => !(a.acquired && (a.timedOut || now >= a.holdEnd)));
  }

  // Long holds renew every 10 s (a third of the 30 s lease); renewals fail while Redis is away.
  private renew(now: number, down: boolean): void {
    for (const a of this.appends) {
      if (!a.acquired || a.timedOut || now - a.waitEnd < 10) continue;
      if (Math.floor((now - a.waitEnd) / 10) === Math.floor((now - TICK_S - a.waitEnd) / 10))
        continue;
      this.m.renewals.inc({ lock: KIND, result: down ? 'retried' : 'ok' });
    }
    if (down && this.rnd() < 0.5 * TICK_S) this.m.renewals.inc({ lock: KIND, result: 'retried' });
  }

  loseOne(reason: string): void {
    this.m.renewals.inc({ lock: KIND, result: 'failed' });
    this.m.lost.inc({ lock: KIND, reason });
  }

  private flush(): void {
    this.m.flushes.inc();
    const trimmed = Math.floor(this.rnd() * 40);
    this.m.trimmedMessages.inc(trimmed);
    this.m.trimmedTokens.inc(trimmed * 90);
    this.answer('/memories/:id/flush', 'POST', '200', this.exp(0.02));
  }

  private answer(route: string, method: string, status: string, seconds: number): void {
    this.m.requests.inc({ route, method, status });
    this.m.duration.observe({ route, method }, seconds + this.exp(0.002));
  }

  private exp(mean: number): number {
    return -mean * Math.log(1 - this.rnd());
  }

  private poisson(mean: number): number {
    let [n, p] = [0, this.rnd()];
    while (p > Math.exp(-mean)) [n, p] = [n + 1, p * this.rnd()];
    return n;
  }
}

/** Runs the simulation and returns its scrapes, two replicas every 2 simulated seconds. */
export async function simulateScrapes(): Promise<ScrapeSeriesFile> {
  const rnd = random(20240611);
  const replicas = [
    new Replica('127.0.0.1:3000', rnd, undefined),
    new Replica('127.0.0.1:3001', rnd, [40, 46]),
  ];
  const scrapes: ScrapeRecord[] = [];
  const steps = Math.round(DURATION_S / TICK_S);
  const perScrape = Math.round(SCRAPE_EVERY_S / TICK_S);

  for (let step = 0; step <= steps; step++) {
    const now = step * TICK_S;
    replicas.forEach((r) => r.tick(now));
    if (step === Math.round(44 / TICK_S)) replicas[1].loseOne('backend');
    if (step === Math.round(47 / TICK_S)) replicas[0].m.fencing.inc();

    if (step % perScrape !== 0) continue;
    for (const r of replicas) {
      const text = await r.registry.metrics();
      scrapes.push({ t: Math.round(now * 1000), job: 'memory-api', instance: r.instance, text });
    }
  }

  return {
    format: 'memory-lock-scrapes/1',
    source: 'synthetic, from tools/ops/simulate-scrapes.ts (two simulated replicas, no live app)',
    scrapes,
  };
}

if (require.main === module) {
  const out = process.argv[2] ?? 'synthetic-scrapes.json';
  simulateScrapes().then((file) => {
    fs.writeFileSync(out, JSON.stringify(file) + '\n');
    console.log(`simulate-scrapes: wrote ${file.scrapes.length} scrapes to ${out}`);
  });
}
