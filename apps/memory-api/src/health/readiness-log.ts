import { Logger } from '@nestjs/common';
import { HealthCheckResult } from '@nestjs/terminus';

/**
 * Logs readiness when it changes: the first answer, then each switch between ready and not ready,
 * once, however many probes ask meanwhile. The reasons come from the indicators that were down.
 */
export class ReadinessLog {
  private ready?: boolean;

  constructor(private readonly logger: Logger) {}

  record(result: HealthCheckResult): void {
    const ready = result.status === 'ok';
    if (ready === this.ready) return;

    this.ready = ready;
    if (ready) this.logger.log('ready: the lock backend and the memory store answer');
    else this.logger.warn(`not ready: ${downReasons(result)}`);
  }
}

/** `lock: ping took longer than 1000 ms; store: …` from the indicators that are down. */
export function downReasons(result: HealthCheckResult): string {
  const down = Object.entries(result.error ?? {}).map(([key, details]) => {
    const reason = (details as { reason?: unknown }).reason;
    return `${key}: ${typeof reason === 'string' ? reason : 'down'}`;
  });
  return down.length > 0 ? down.join('; ') : result.status;
}
