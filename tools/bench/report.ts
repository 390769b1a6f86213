import { cpus } from 'node:os';
import { BenchOptions } from './bench-args';
import { PhaseResult } from './run-phase';
import { Align, formatFigure, formatPercent, renderTable, withRatio } from './table';

/** The figures of the main table, per lock. */
export interface Figures {
  grantsPerS: number;
  handoffsPerS: number;
  waitP50: number;
  waitP99: number;
  waitMax: number;
  perWorkerMin: number;
  perWorkerMax: number;
  redisCallsPerGrant: number;
}

export function figuresOf(result: PhaseResult): Figures {
  const { summary } = result;
  const seconds = result.elapsedMs / 1000;
  const calls = [...result.redisCalls.values()].reduce((sum, n) => sum + n, 0);
  return {
    grantsPerS: summary.grants / seconds,
    handoffsPerS: summary.handoffs / seconds,
    waitP50: summary.wait.p50,
    waitP99: summary.wait.p99,
    waitMax: summary.wait.max,
    perWorkerMin: summary.perWorker.min,
    perWorkerMax: summary.perWorker.max,
    redisCallsPerGrant: calls / summary.grants,
  };
}

const MAIN_HEADER = [
  'lock',
  'grants/s',
  'handoffs/s',
  'wait p50 ms',
  'wait p99 ms',
  'wait max ms',
  'grants/worker min',
  'grants/worker max',
  'Redis cmds/grant',
];
const FIGURE_ORDER: (keyof Figures)[] = [
  'grantsPerS',
  'handoffsPerS',
  'waitP50',
  'waitP99',
  'waitMax',
  'perWorkerMin',
  'perWorkerMax',
  'redisCallsPerGrant',
];

/** Rows of labelled figures; the first row is the baseline, the others carry ratios to it. */
export function mainTable(rows: { label: string; figures: Figures }[]): string {
  const base = rows[0].figures;
  const cells = rows.map(({ label, figures }, index) => [
    label,
    ...FIGURE_ORDER.map((key) =>
      index === 0 ? formatFigure(figures[key]) : withRatio(figures[key], base[key]),
    ),
  ]);
  const align: Align[] = MAIN_HEADER.map((_, i) => (i === 0 ? 'left' : 'right'));
  return renderTable(MAIN_HEADER, cells, align);
}

/** The most frequent commands per grant: `evalsha 2.00, publish 1.00`. */
export function topCommands(calls: Map<string, number>, grants: number, count = 4): string {
  return [...calls]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([command, n]) => `${command} ${formatFigure(n / grants)}`)
    .join(', ');
}

/** Where the time and the commands went, and anything that went wrong. */
export function diagnosticsTable(results: PhaseResult[]): string {
  const header = [
    'lock',
    'sent/grant',
    'most run commands per grant',
    'workers CPU',
    'loop busy',
    'redis CPU',
    'other CPU',
    'longest gap ms',
    'cut-short waits',
    'problems',
  ];
  const rows = results.map((r) => {
    const s = r.summary;
    return [
      r.label,
      formatFigure(r.sentCommands / s.grants),
      topCommands(r.redisCalls, s.grants),
      formatPercent(r.workersCpu),
      formatPercent(r.loopBusy),
      formatPercent(r.redisCpu),
      formatPercent(r.otherCpu),
      formatFigure(s.longestGapMs),
      `${s.unfinished.count} (longest ${formatFigure(s.unfinished.longestMs)} ms)`,
      problems(r) || 'none',
    ];
  });
  return renderTable(header, rows);
}

/** Everything that should not happen, in words; empty when nothing did. */
export function problems(result: PhaseResult): string {
  const s = result.summary;
  const found: string[] = [];
  if (s.overlaps > 0) found.push(`${s.overlaps} overlapping holds`);
  if (s.fence.regressions > 0) found.push(`${s.fence.regressions} fencing tokens did not grow`);
  if (s.fence.skipped > 0) found.push(`${s.fence.skipped} fencing tokens skipped`);
  if (s.perWorker.min === 0) found.push('a worker never got the lock');
  for (const [name, count] of Object.entries(s.errors)) found.push(`${count}× ${name}`);
  return found.join('; ');
}

export function machineLine(redisVersion: string): string {
  const cores = cpus();
  const model = cores[0]?.model.trim().replace(/\s+/g, ' ') ?? 'unknown CPU';
  return (
    `${cores.length} CPUs (${model}), ${process.platform} ${process.arch}, ` +
    `Node ${process.version}, Redis ${redisVersion}`
  );
}

export function settingsLine(options: BenchOptions): string {
  const work = options.workMs > 0 ? `${options.workMs} ms of busy work` : 'no work';
  const where =
    options.processes === 1 ? 'in one process' : `spread over ${options.processes} processes`;
  return (
    `${options.workers} workers on one name, each with its own Nest context and Redis ` +
    `connections, ${where}; ${options.seconds} s per lock after ` +
    `${options.warmupSeconds} s of warm-up; ${work} inside the lock`
  );
}
