import { minMax, summarizeWaits, WaitSummary } from './stats';

/**
 * Milliseconds on the system's monotonic clock, which every process on this machine shares, so
 * that grants recorded in several processes can be put in one order.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** One grant: who got it, how long it waited, when its critical section began and ended. */
export interface GrantEvent {
  worker: number;
  waitMs: number;
  enteredAt: number;
  exitedAt: number;
  fencingToken?: number;
}

/** What the workers of one process saw in one run. */
export interface GrantLog {
  grants: GrantEvent[];
  /** Waits the end of the run cut short, in ms. */
  cutShort: number[];
  /** Failed acquires by error class. */
  errors: Record<string, number>;
  startedAt: number;
  endedAt: number;
}

export interface GrantSummary {
  grants: number;
  /** Grants to a different worker than the grant before. */
  handoffs: number;
  wait: WaitSummary;
  perWorker: { min: number; max: number };
  /** Waits still running when the run ended, and the longest of them, in ms. */
  unfinished: { count: number; longestMs: number };
  /** Longest time between two grants, in ms: a stall shows here. */
  longestGapMs: number;
  /** Critical sections that began before the one before them had ended: must be 0. */
  overlaps: number;
  /** Fencing tokens that did not grow, and tokens skipped (granted but never used). */
  fence: { regressions: number; skipped: number };
  errors: Record<string, number>;
}

/** Puts the logs of every process together, in the order the critical sections were entered. */
export function mergeLogs(logs: GrantLog[]): GrantLog {
  const errors: Record<string, number> = {};
  for (const log of logs) {
    for (const [name, count] of Object.entries(log.errors)) {
      errors[name] = (errors[name] ?? 0) + count;
    }
  }
  return {
    grants: logs.flatMap((log) => log.grants).sort((a, b) => a.enteredAt - b.enteredAt),
    cutShort: logs.flatMap((log) => log.cutShort),
    errors,
    startedAt: Math.min(...logs.map((log) => log.startedAt)),
    endedAt: Math.max(...logs.map((log) => log.endedAt)),
  };
}

/** The figures of a merged log of `workers` workers; its grants must be in order of entry. */
export function summarizeGrants(log: GrantLog, workers: number): GrantSummary {
  const perWorker = new Array<number>(workers).fill(0);
  let handoffs = 0;
  let longestGapMs = 0;
  let overlaps = 0;
  let regressions = 0;
  let skipped = 0;
  log.grants.forEach((grant, index) => {
    perWorker[grant.worker] += 1;
    const before = log.grants[index - 1];
    if (!before) return;
    if (before.worker !== grant.worker) handoffs += 1;
    if (grant.enteredAt < before.exitedAt) overlaps += 1;
    longestGapMs = Math.max(longestGapMs, grant.enteredAt - before.enteredAt);
    if (grant.fencingToken !== undefined && before.fencingToken !== undefined) {
      if (grant.fencingToken <= before.fencingToken) regressions += 1;
      else skipped += grant.fencingToken - before.fencingToken - 1;
    }
  });
  const longestCutShort = log.cutShort.length > 0 ? Math.max(...log.cutShort) : 0;
  return {
    grants: log.grants.length,
    handoffs,
    wait: summarizeWaits(
      log.grants.map((grant) => grant.waitMs),
      longestCutShort,
    ),
    perWorker: minMax(perWorker),
    unfinished: { count: log.cutShort.length, longestMs: longestCutShort },
    longestGapMs,
    overlaps,
    fence: { regressions, skipped },
    errors: log.errors,
  };
}
