import { PrometheusOptions } from '@willsoto/nestjs-prometheus';
import { registerProcessMetrics } from './process-metrics';

/**
 * Options of `PrometheusModule`. The process metrics are registered here rather than by the
 * module, which would register every default gauge, also those with names Prometheus lints.
 */
export function prometheusOptions(): PrometheusOptions {
  registerProcessMetrics();
  return { path: '/metrics', defaultMetrics: { enabled: false } };
}
