import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { LockHealthIndicator } from '@memory-lock/core';
import { StoreHealthIndicator } from './store.health';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly lock: LockHealthIndicator,
    private readonly store: StoreHealthIndicator,
  ) {}

  /** Up while the process serves HTTP; it asks no backend, so an outage never restarts replicas. */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** Ready when the lock backend and the memory store both answer; 503 otherwise. */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.lock.isHealthy('lock'),
      () => this.store.isHealthy('store'),
    ]);
  }
}
