import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { LOCK_BACKEND, LockBackend } from '../backends/lock-backend';
import { LockMetrics } from './lock-metrics';

/**
 * Follows whether the backend is reachable: sets `memory_lock_backend_up`, and logs a change once
 * it has been up (the first connection at start-up is not an outage).
 */
@Injectable()
export class BackendMonitor implements OnModuleInit {
  private readonly logger = new Logger(BackendMonitor.name);
  private up?: boolean;
  private wasEverUp = false;

  constructor(
    @Inject(LOCK_BACKEND) private readonly backend: LockBackend,
    private readonly metrics: LockMetrics,
  ) {}

  onModuleInit(): void {
    this.backend.watchAvailability((up) => this.report(up));
  }

  /**
   * Records availability as seen by the connection or by a probe: a frozen server keeps its
   * connection open, and only a probe that gets no answer shows it down.
   */
  report(up: boolean): void {
    this.metrics.backend(this.backend.type, up);
    if (this.up === up) return;
    this.up = up;
    if (this.wasEverUp) {
      const type = this.backend.type;
      if (up) this.logger.log(`Lock backend ${type} is reachable again`);
      else this.logger.warn(`Lock backend ${type} is not reachable`);
    }
    this.wasEverUp ||= up;
  }
}
