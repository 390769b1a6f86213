import { PrometheusOptions } from '@willsoto/nestjs-prometheus';
import { register } from 'prom-client';

/**
 * Options of `PrometheusModule`. The default process metrics are registered once per process:
 * prom-client refuses a second registration, which a second app in the same process (tests, or
 * several apps in one runtime) would otherwise attempt.
 */
export function prometheusOptions(): PrometheusOptions {
  const collected = register.getSingleMetric('process_cpu_user_seconds_total') !== undefined;
  return { path: '/metrics', defaultMetrics: { enabled: !collected } };
}
