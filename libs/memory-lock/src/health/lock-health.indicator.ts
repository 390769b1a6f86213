import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { randomBytes } from 'node:crypto';
import { LockHandle } from '../lock.options';
import { BackendMonitor } from '../metrics/backend-monitor';
import { DistributedLockService } from '../service/distributed-lock.service';
import { within } from '../util/within';

/** Reserved name prefix of the probe lock; one probe name per process. */
export const HEALTH_PROBE_PREFIX = '__memory-lock:health-probe';

/**
 * Readiness of the lock: the backend answers a ping, a probe lock is taken and given back within
 * the bound, and lease renewals are not failing. It reports down with a reason; it never throws.
 */
@Injectable()
export class LockHealthIndicator {
  private readonly probeName = `${HEALTH_PROBE_PREFIX}:${randomBytes(8).toString('hex')}`;

  constructor(
    private readonly health: HealthIndicatorService,
    private readonly locks: DistributedLockService,
    private readonly monitor: BackendMonitor,
  ) {}

  async isHealthy(key = 'lock', boundMs = 1_000): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    const backend = this.locks.backendType;
    try {
      const pingMs = await within(
        this.locks.ping(),
        boundMs,
        `ping took longer than ${boundMs} ms`,
      ).catch((error: unknown) => {
        this.monitor.report(false);
        throw error;
      });
      this.monitor.report(true);
      const started = performance.now();
      await within(this.probe(), boundMs, `probe lock took longer than ${boundMs} ms`);
      const probeMs = performance.now() - started;
      if (this.locks.renewalsAreFailing) {
        return indicator.down({ backend, reason: 'lease renewals are failing' });
      }
      return indicator.up({ backend, pingMs: round(pingMs), probeMs: round(probeMs) });
    } catch (error) {
      return indicator.down({
        backend,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private async probe(): Promise<void> {
    const options = { ttlMs: 5_000, kind: 'health_probe', autoRenew: false, fair: false };
    const handle: LockHandle | null = await this.locks.tryAcquire(this.probeName, options);
    if (!handle) throw new Error('probe lock is held by another owner');
    await handle.release();
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
