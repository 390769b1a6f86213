import { collectDefaultMetrics, register, Registry } from 'prom-client';

/**
 * prom-client's gauges that end in `_total`, a suffix Prometheus keeps for counters
 * (`promtool check metrics` reports them). Each has a per-type gauge of the same name without
 * the suffix (`nodejs_active_handles{type="Socket"}`), whose sum is the same number.
 */
export const MISNAMED_PROCESS_GAUGES = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
] as const;

/**
 * Registers prom-client's process and Node.js metrics once per registry, without the gauges in
 * `MISNAMED_PROCESS_GAUGES`. A second app in the same process (tests, or several apps in one
 * runtime) finds them registered and leaves them; prom-client would refuse a second registration.
 */
export function registerProcessMetrics(registry: Registry = register): void {
  if (registry.getSingleMetric('process_cpu_user_seconds_total')) return;

  collectDefaultMetrics({ register: registry });
  for (const name of MISNAMED_PROCESS_GAUGES) registry.removeSingleMetric(name);
}
