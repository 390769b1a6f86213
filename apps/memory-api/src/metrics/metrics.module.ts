import { Global, Module } from '@nestjs/common';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { API_METRIC_PROVIDERS } from './memory-api-metrics.providers';
import { MemoryMetrics } from './memory-metrics.service';

/** The app's own metrics; `/metrics` itself comes from `PrometheusModule` in the app module. */
@Global()
@Module({
  providers: [...API_METRIC_PROVIDERS, HttpMetricsMiddleware, MemoryMetrics],
  exports: [HttpMetricsMiddleware, MemoryMetrics],
})
export class MetricsModule {}
