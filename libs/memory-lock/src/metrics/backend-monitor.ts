import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { LOCK_BACKEND, LockBackend } from '../backends/lock-backend';
import { LockMetrics } from './lock-metrics';

/** Follows whether the backend is reachable: sets `memory_lock_backend_up` and logs each change once. */
@Injectable()
export class BackendMonitor implements OnModuleInit {
  private readonly logger = new Logger(BackendMonitor.name);
  private up?: boolean;

  constructor(
    @Inject(LOCK_BACKEND) private readonly backend: LockBackend,
    private readonly metrics: LockMetrics,
  ) {}

  onModuleInit(): void {
    this.backend.watchAvailability((up) => this.set(up));
  }

  private set(up: boolean): void {
    this.metrics.backend(this.backend.type, up);
    if (this.up === up) return;
    if (this.up !== undefined || !up) {
      this.logger.warn(up ? `Lock backend ${this.backend.type} is back` : `Lock backend ${this.backend.type} is down`);
    }
    this.up = up;
  }
}
