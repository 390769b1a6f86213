import { Controller, Get, HttpException, Logger } from '@nestjs/common';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { LockHealthIndicator } from '@memory-lock/core';
import { ReadinessLog } from './readiness-log';
import { StoreHealthIndicator } from './store.health';

@Controller('health')
export class HealthController {
  private readonly readiness = new ReadinessLog(new Logger(HealthController.name));

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

  /**
   * Ready when the lock backend and the memory store both answer; 503 otherwise, with each
   * reason in `error`. Nothing has to be restarted after an outage: each probe asks again.
   */
  @Get('ready')
  @HealthCheck()
  async ready(): Promise<HealthCheckResult> {
    try {
      const result = await this.health.check([
        () => this.lock.isHealthy('lock'),
        () => this.store.isHealthy('store'),
      ]);
      this.readiness.record(result);
      return result;
    } catch (error) {
      if (error instanceof HttpException)
        this.readiness.record(error.getResponse() as HealthCheckResult);
      throw error;
    }
  }
}
