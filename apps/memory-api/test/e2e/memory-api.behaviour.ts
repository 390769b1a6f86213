import { NestExpressApplication } from '@nestjs/platform-express';
import { ApiUnderTest } from './api-under-test';
import { servesEveryEndpoint } from './endpoints.behaviour';
import { reportsHealthAndMetrics } from './health-and-metrics.behaviour';
import { changesUnderTheLock } from './lock.behaviour';
import { refusesBadInput } from './refusals.behaviour';

export { E2E_LOCK_WAIT_TIMEOUT_MS } from './api-under-test';

/**
 * The HTTP behaviour of the memory API, the same on every backend. `current()` returns an app
 * started with `lockWaitTimeoutMs: E2E_LOCK_WAIT_TIMEOUT_MS`.
 */
export function behavesLikeTheMemoryApi(current: () => NestExpressApplication): void {
  const t = new ApiUnderTest(current);

  servesEveryEndpoint(t);
  refusesBadInput(t);
  changesUnderTheLock(t);
  reportsHealthAndMetrics(t);
}
