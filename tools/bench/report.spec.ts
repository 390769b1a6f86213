import { GrantSummary } from './grants';
import { machineCoresBusy } from './machine-cpu';
import { Figures, figuresOf, mainTable, problems, topCommands } from './report';
import { PhaseResult } from './run-phase';

function summary(extra: Partial<GrantSummary> = {}): GrantSummary {
  return {
    grants: 1_000,
    handoffs: 500,
    wait: { p50: 1, p99: 10, max: 20 },
    perWorker: { min: 50, max: 80 },
    unfinished: { count: 0, longestMs: 0 },
    longestGapMs: 5,
    overlaps: 0,
    fence: { regressions: 0, skipped: 0 },
    errors: {},
    ...extra,
  };
}

function result(extra: Partial<PhaseResult> = {}): PhaseResult {
  return {
    label: 'fair',
    elapsedMs: 2_000,
    summary: summary(),
    redisCalls: new Map([
      ['evalsha', 4_000],
      ['get', 5_000],
      ['publish', 1_000],
    ]),
    sentCommands: 6_000,
    workersCpu: 0.5,
    redisCpu: 0.2,
    otherCpu: 0,
    loopBusy: 0.7,
    libraryLogs: new Map(),
    ...extra,
  };
}

describe('figuresOf', () => {
  it('turns counts into rates over the elapsed time and commands per grant', () => {
    expect(figuresOf(result())).toEqual({
      grantsPerS: 500,
      handoffsPerS: 250,
      waitP50: 1,
      waitP99: 10,
      waitMax: 20,
      perWorkerMin: 50,
      perWorkerMax: 80,
      redisCallsPerGrant: 10,
    });
  });
});

describe('mainTable', () => {
  const figures = (grantsPerS: number, waitP99: number): Figures => ({
    ...figuresOf(result()),
    grantsPerS,
    waitP99,
  });

  it('shows the baseline plainly and every other row with its ratio to the baseline', () => {
    const lines = mainTable([
      { label: 'baseline', figures: figures(2_000, 4) },
      { label: 'fair', figures: figures(3_000, 1) },
    ]).split('\n');
    expect(lines[0]).toMatch(/^\| lock +\| +grants\/s \|.*\| Redis cmds\/grant \|$/);
    expect(lines[2]).toMatch(/^\| baseline +\| +2,000 \|/);
    expect(lines[3]).toMatch(/^\| fair +\| 3,000 \(1\.50×\) \|/);
    expect(lines[3]).toMatch(/\| +1 \(0\.25×\) \|/);
  });
});

describe('topCommands', () => {
  it('lists the most run commands per grant, most first', () => {
    expect(topCommands(result().redisCalls, 1_000, 2)).toBe('get 5, evalsha 4');
  });
});

describe('problems', () => {
  it('is empty for a clean run', () => {
    expect(problems(result())).toBe('');
  });

  it('names overlaps, fencing trouble, a starved worker and errors', () => {
    const text = problems(
      result({
        summary: summary({
          overlaps: 2,
          fence: { regressions: 1, skipped: 3 },
          perWorker: { min: 0, max: 90 },
          errors: { LockTimeoutError: 4 },
        }),
      }),
    );
    expect(text).toBe(
      '2 overlapping holds; 1 fencing tokens did not grow; 3 fencing tokens skipped; ' +
        'a worker never got the lock; 4× LockTimeoutError',
    );
  });
});

describe('machineCoresBusy', () => {
  it('scales the busy share of all CPU time by the number of cores', () => {
    const before = { busyMs: 1_000, totalMs: 4_000 };
    expect(machineCoresBusy(before, { busyMs: 2_500, totalMs: 6_000 }, 2)).toBeCloseTo(1.5);
    expect(machineCoresBusy(before, before, 2)).toBeNaN();
  });
});
