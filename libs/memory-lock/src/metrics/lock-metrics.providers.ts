import {
  makeCounterProvider,
  makeGaugeProvider,
  makeHistogramProvider,
} from '@willsoto/nestjs-prometheus';

/** Metric names; dashboards and alerts use these. */
export const LOCK_METRIC = {
  acquire: 'memory_lock_acquire_total',
  wait: 'memory_lock_wait_seconds',
  hold: 'memory_lock_hold_seconds',
  held: 'memory_lock_held',
  waiters: 'memory_lock_waiters',
  renewals: 'memory_lock_renewals_total',
  lost: 'memory_lock_lost_total',
  release: 'memory_lock_release_total',
  backendUp: 'memory_lock_backend_up',
} as const;

const WAIT_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const HOLD_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300];

export const LOCK_METRIC_PROVIDERS = [
  makeCounterProvider({
    name: LOCK_METRIC.acquire,
    help: 'Lock acquisitions by lock kind and outcome (acquired, timeout, aborted, error).',
    labelNames: ['lock', 'result'],
  }),
  makeHistogramProvider({
    name: LOCK_METRIC.wait,
    help: 'Time from the start of an acquire to its grant or failure, in seconds.',
    labelNames: ['lock'],
    buckets: WAIT_BUCKETS,
  }),
  makeHistogramProvider({
    name: LOCK_METRIC.hold,
    help: 'Time a lock was held, from grant to release or loss, in seconds.',
    labelNames: ['lock'],
    buckets: HOLD_BUCKETS,
  }),
  makeGaugeProvider({
    name: LOCK_METRIC.held,
    help: 'Locks held by this process now.',
    labelNames: ['lock'],
  }),
  makeGaugeProvider({
    name: LOCK_METRIC.waiters,
    help: 'Acquires waiting in this process now.',
    labelNames: ['lock'],
  }),
  makeCounterProvider({
    name: LOCK_METRIC.renewals,
    help: 'Lease renewals by outcome (ok, retried after a transient failure, failed for good).',
    labelNames: ['lock', 'result'],
  }),
  makeCounterProvider({
    name: LOCK_METRIC.lost,
    help: 'Locks lost while held, by reason (expired, stolen, backend).',
    labelNames: ['lock', 'reason'],
  }),
  makeCounterProvider({
    name: LOCK_METRIC.release,
    help: 'Releases by outcome (released, expired, not_owner, error).',
    labelNames: ['lock', 'result'],
  }),
  makeGaugeProvider({
    name: LOCK_METRIC.backendUp,
    help: 'Whether the lock backend answers (1) or not (0).',
    labelNames: ['backend'],
  }),
];
