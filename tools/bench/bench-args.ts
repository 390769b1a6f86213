import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Measured seconds of each lock (baseline, fair, unfair). */
  seconds: number;
  /** Workers contending for the one name. */
  workers: number;
  /** Busy work inside the critical section, in ms; 0 for none. */
  workMs: number;
  /** Unmeasured contention before each measured run, in seconds. */
  warmupSeconds: number;
  /** Processes the workers are spread over: 1 keeps them all in this process. */
  processes: number;
}

export const BENCH_DEFAULTS: BenchOptions = {
  seconds: 5,
  workers: 16,
  workMs: 0.2,
  warmupSeconds: 0.5,
  processes: 1,
};

export const USAGE = `Usage: npm run bench:lock -- [options]

  --seconds S      measured seconds of each lock (default 5)
  --workers N      workers contending for one name (default 16)
  --work-ms MS     busy work inside the critical section, 0 for none (default 0.2)
  --warmup-s S     unmeasured contention before each measured run (default 0.5)
  --processes N    spread the workers over N child processes; 1 (default) runs
                   them all in this process
  --help           show this text`;

export class UsageError extends Error {}

/** Reads the command line; throws `UsageError` with a readable message on bad input. */
export function parseBenchArgs(argv: string[]): BenchOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        seconds: { type: 'string' },
        workers: { type: 'string' },
        'work-ms': { type: 'string' },
        'warmup-s': { type: 'string' },
        processes: { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const workers = integer('--workers', values.workers, BENCH_DEFAULTS.workers, 1, 256);
  return {
    seconds: number('--seconds', values.seconds, BENCH_DEFAULTS.seconds, 0.1, 3600),
    workers,
    workMs: number('--work-ms', values['work-ms'], BENCH_DEFAULTS.workMs, 0, 1000),
    warmupSeconds: number('--warmup-s', values['warmup-s'], BENCH_DEFAULTS.warmupSeconds, 0, 60),
    processes: integer('--processes', values.processes, BENCH_DEFAULTS.processes, 1, workers),
  };
}

function number(
  flag: string,
  raw: string | boolean | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !(value >= min && value <= max)) {
    throw new UsageError(`${flag} must be a number from ${min} to ${max}, got "${String(raw)}"`);
  }
  return value;
}

function integer(
  flag: string,
  raw: string | boolean | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = number(flag, raw, fallback, min, max);
  if (!Number.isInteger(value)) {
    throw new UsageError(`${flag} must be a whole number, got "${String(raw)}"`);
  }
  return value;
}
