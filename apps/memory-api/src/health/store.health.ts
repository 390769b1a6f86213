import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { MEMORY_STORE, MemoryStore } from '../memory/store/memory-store';

/** Longest a store ping may take before readiness reports the store down. */
const PING_BOUND_MS = 1_000;

/** Readiness of the memory store: it answers a ping in time. Reports down; never throws. */
@Injectable()
export class StoreHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(MEMORY_STORE) private readonly store: MemoryStore,
  ) {}

  async isHealthy(key = 'store'): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    const backend = this.store.description;

    const started = performance.now();
    try {
      await withinBound(this.store.ping());
      return indicator.up({ backend, pingMs: Math.round(performance.now() - started) });
    } catch (error) {
      return indicator.down({
        backend,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

function withinBound(work: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`ping took longer than ${PING_BOUND_MS} ms`)),
      PING_BOUND_MS,
    );
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
