import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { LockLossReason } from '../errors';
import { ReleaseResult } from '../lock.options';
import { LOCK_METRIC } from './lock-metrics.providers';

export type AcquireOutcome = 'acquired' | 'timeout' | 'aborted' | 'error';
export type RenewalOutcome = 'ok' | 'retried' | 'failed';

const ACQUIRE_RESULTS: AcquireOutcome[] = ['acquired', 'timeout', 'aborted', 'error'];
const RENEWAL_RESULTS: RenewalOutcome[] = ['ok', 'retried', 'failed'];
const LOSS_REASONS: LockLossReason[] = ['expired', 'stolen', 'backend'];
const RELEASE_RESULTS = ['released', 'expired', 'not_owner', 'error'];

/**
 * Records lock events; the `lock` label is always the kind, so label values stay few. Every series
 * of a kind starts at zero when the kind is first used, so that `increase()` sees its first event.
 */
@Injectable()
export class LockMetrics {
  private readonly kinds = new Set<string>();

  constructor(
    @InjectMetric(LOCK_METRIC.acquire) private readonly acquires: Counter<string>,
    @InjectMetric(LOCK_METRIC.wait) private readonly wait: Histogram<string>,
    @InjectMetric(LOCK_METRIC.hold) private readonly hold: Histogram<string>,
    @InjectMetric(LOCK_METRIC.held) private readonly held: Gauge<string>,
    @InjectMetric(LOCK_METRIC.waiters) private readonly waiters: Gauge<string>,
    @InjectMetric(LOCK_METRIC.renewals) private readonly renewals: Counter<string>,
    @InjectMetric(LOCK_METRIC.lost) private readonly lost: Counter<string>,
    @InjectMetric(LOCK_METRIC.release) private readonly releases: Counter<string>,
    @InjectMetric(LOCK_METRIC.backendUp) private readonly backendUp: Gauge<string>,
  ) {}

  waitStarted(kind: string): void {
    this.prepare(kind);
    this.waiters.inc({ lock: kind });
  }

  waitEnded(kind: string, outcome: AcquireOutcome, seconds: number): void {
    this.waiters.dec({ lock: kind });
    this.acquires.inc({ lock: kind, result: outcome });
    this.wait.observe({ lock: kind }, seconds);
  }

  holdStarted(kind: string): void {
    this.held.inc({ lock: kind });
  }

  holdEnded(kind: string, seconds: number): void {
    this.held.dec({ lock: kind });
    this.hold.observe({ lock: kind }, seconds);
  }

  released(kind: string, result: ReleaseResult | 'error'): void {
    this.releases.inc({ lock: kind, result: result.replace('-', '_') });
  }

  renewal(kind: string, outcome: RenewalOutcome): void {
    this.renewals.inc({ lock: kind, result: outcome });
  }

  lockLost(kind: string, reason: LockLossReason): void {
    this.lost.inc({ lock: kind, reason });
  }

  backend(type: string, up: boolean): void {
    this.backendUp.set({ backend: type }, up ? 1 : 0);
  }

  private prepare(kind: string): void {
    if (this.kinds.has(kind)) return;
    this.kinds.add(kind);
    const lock = kind;
    ACQUIRE_RESULTS.forEach((result) => this.acquires.inc({ lock, result }, 0));
    RENEWAL_RESULTS.forEach((result) => this.renewals.inc({ lock, result }, 0));
    LOSS_REASONS.forEach((reason) => this.lost.inc({ lock, reason }, 0));
    RELEASE_RESULTS.forEach((result) => this.releases.inc({ lock, result }, 0));
    this.held.inc({ lock }, 0);
    this.waiters.inc({ lock }, 0);
  }
}
