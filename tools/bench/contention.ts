import { setMaxListeners } from 'node:events';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { GrantLog, monotonicMs } from './grants';

/** One worker's hold on the shared name, whatever lock provides it. */
export interface BenchLock {
  /**
   * Waits for the name, runs `critical` while holding it (with the grant's fencing token when the
   * lock has one), then releases it. Rejects with `signal.reason` when the signal ends the wait.
   */
  withLock(critical: (fencingToken?: number) => void, signal: AbortSignal): Promise<void>;
}

/** A lock and the number of the worker that uses it (unique across processes). */
export interface BenchWorker {
  id: number;
  lock: BenchLock;
}

/**
 * Every worker loops on its lock until `endAt` (see `monotonicMs`, so that workers in several
 * processes stop together): wait, `workMs` of busy work inside, release. When the time is up the
 * waits are cancelled and the holders finish their critical section.
 */
export async function contend(
  workers: BenchWorker[],
  endAt: number,
  workMs: number,
): Promise<GrantLog> {
  const log: GrantLog = {
    grants: [],
    cutShort: [],
    errors: {},
    startedAt: monotonicMs(),
    endedAt: 0,
  };
  const stop = new AbortController();
  // Every worker listens to this one signal while it waits.
  setMaxListeners(workers.length * 2 + 10, stop.signal);
  const timer = setTimeout(
    () => stop.abort(new Error('the run is over')),
    Math.max(0, endAt - monotonicMs()),
  );
  try {
    await Promise.all(workers.map((worker) => loop(worker, log, stop.signal, workMs)));
  } finally {
    clearTimeout(timer);
  }
  log.endedAt = monotonicMs();
  return log;
}

async function loop(
  { id, lock }: BenchWorker,
  log: GrantLog,
  signal: AbortSignal,
  workMs: number,
): Promise<void> {
  while (!signal.aborted) {
    const asked = monotonicMs();
    try {
      await lock.withLock((fencingToken) => {
        const enteredAt = monotonicMs();
        busyWork(workMs);
        log.grants.push({
          worker: id,
          waitMs: enteredAt - asked,
          enteredAt,
          exitedAt: monotonicMs(),
          fencingToken,
        });
      }, signal);
    } catch (error) {
      if (signal.aborted && error === signal.reason) {
        log.cutShort.push(monotonicMs() - asked);
      } else {
        const name = error instanceof Error ? error.constructor.name : typeof error;
        log.errors[name] = (log.errors[name] ?? 0) + 1;
        // A lock that fails at once must not keep the timer that ends the run from firing.
        await yieldToLoop();
      }
    }
  }
}

/** Keeps the CPU busy for `ms`, like real work inside a critical section would. */
export function busyWork(ms: number): void {
  if (ms <= 0) return;
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}
