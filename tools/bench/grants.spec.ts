import { GrantEvent, GrantLog, mergeLogs, summarizeGrants } from './grants';

function grant(worker: number, enteredAt: number, extra: Partial<GrantEvent> = {}): GrantEvent {
  return { worker, waitMs: 1, enteredAt, exitedAt: enteredAt + 0.5, ...extra };
}

function log(grants: GrantEvent[], extra: Partial<GrantLog> = {}): GrantLog {
  return { grants, cutShort: [], errors: {}, startedAt: 0, endedAt: 100, ...extra };
}

describe('summarizeGrants', () => {
  it('counts grants, handoffs to another worker, and grants per worker', () => {
    const summary = summarizeGrants(
      log([grant(0, 1), grant(0, 2), grant(1, 3), grant(2, 4), grant(0, 5)]),
      4,
    );
    expect(summary.grants).toBe(5);
    expect(summary.handoffs).toBe(3);
    // Worker 3 never got the lock.
    expect(summary.perWorker).toEqual({ min: 0, max: 3 });
  });

  it('finds the longest gap between grants and critical sections that overlap', () => {
    const summary = summarizeGrants(
      log([grant(0, 1), grant(1, 1.2), grant(0, 9), grant(1, 10)]),
      2,
    );
    expect(summary.longestGapMs).toBeCloseTo(7.8);
    expect(summary.overlaps).toBe(1);
  });

  it('checks that fencing tokens grow, and counts the ones no critical section used', () => {
    const summary = summarizeGrants(
      log([
        grant(0, 1, { fencingToken: 10 }),
        grant(1, 2, { fencingToken: 11 }),
        grant(0, 3, { fencingToken: 14 }),
        grant(1, 4, { fencingToken: 14 }),
      ]),
      2,
    );
    expect(summary.fence).toEqual({ regressions: 1, skipped: 2 });
  });

  it('takes waits cut short by the end into the longest wait, and passes errors on', () => {
    const summary = summarizeGrants(
      log([grant(0, 1, { waitMs: 3 }), grant(1, 2, { waitMs: 5 })], {
        cutShort: [2, 40],
        errors: { LockTimeoutError: 2 },
      }),
      2,
    );
    expect(summary.wait).toEqual({ p50: 3, p99: 5, max: 40 });
    expect(summary.unfinished).toEqual({ count: 2, longestMs: 40 });
    expect(summary.errors).toEqual({ LockTimeoutError: 2 });
  });

  it('has nothing to say about an empty run but that every worker starved', () => {
    const summary = summarizeGrants(log([]), 3);
    expect(summary).toMatchObject({ grants: 0, handoffs: 0, longestGapMs: 0, overlaps: 0 });
    expect(summary.perWorker).toEqual({ min: 0, max: 0 });
  });
});

describe('mergeLogs', () => {
  it('puts the grants of several processes in the order they were entered', () => {
    const merged = mergeLogs([
      log([grant(0, 1), grant(0, 4)], { startedAt: 0.5, endedAt: 10, errors: { E: 1 } }),
      log([grant(1, 2), grant(1, 3)], { startedAt: 0.2, endedAt: 12, errors: { E: 2, F: 1 } }),
    ]);
    expect(merged.grants.map((g) => g.enteredAt)).toEqual([1, 2, 3, 4]);
    expect(merged.startedAt).toBe(0.2);
    expect(merged.endedAt).toBe(12);
    expect(merged.errors).toEqual({ E: 3, F: 1 });
    expect(summarizeGrants(merged, 2).handoffs).toBe(2);
  });
});
