import { parseArgs } from 'node:util';

export interface MainJobOptions {
  /** Concurrent clients: most append, some flush, some read. */
  clients: number;
  /** Memory instances the clients share. */
  instances: number;
  /** How long the clients run, in seconds. */
  durationS: number;
  /** Stop earlier once this many operations are done; `undefined` runs for the whole duration. */
  maxOps?: number;
  /** Seed of every random choice, so a run can be repeated. */
  seed: number;
  /** A Redis the user owns; when absent the job starts its own `redis-server`. */
  redisUrl?: string;
  /** `LOCK_WAIT_TIMEOUT_MS` handed to both app processes; their default when absent. */
  lockWaitTimeoutMs?: number;
}

export const USAGE = `Usage: npm run main-job -- [options]

  --clients N              concurrent clients (default 24)
  --instances N            shared memory instances (default 5)
  --duration-s S           seconds of load (default 20)
  --ops N                  stop after N operations, if that comes first
  --seed N                 seed for every random choice (default: from the clock)
  --redis-url URL          use this Redis instead of starting one (it is not flushed)
  --lock-wait-timeout-ms N LOCK_WAIT_TIMEOUT_MS for the app processes
  --help                   show this text`;

export class UsageError extends Error {}

/** Reads the command line; throws `UsageError` with a readable message on bad input. */
export function parseCliArgs(argv: string[], now = Date.now()): MainJobOptions | 'help' {
  const values = readFlags(argv);
  if (values.help) return 'help';

  const options: MainJobOptions = {
    clients: integer('--clients', values.clients, 24, 1, 1000),
    instances: integer('--instances', values.instances, 5, 1, 1000),
    durationS: positiveNumber('--duration-s', values['duration-s'], 20),
    seed: integer('--seed', values.seed, now % 2 ** 31, 0, 2 ** 31 - 1),
  };
  if (values.ops !== undefined) options.maxOps = integer('--ops', values.ops, 0, 1, 1e9);
  if (values['lock-wait-timeout-ms'] !== undefined) {
    options.lockWaitTimeoutMs = integer(
      '--lock-wait-timeout-ms',
      values['lock-wait-timeout-ms'],
      0,
      0,
      600_000,
    );
  }
  if (values['redis-url'] !== undefined) options.redisUrl = redisUrl(values['redis-url']);
  return options;
}

function integer(
  flag: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function positiveNumber(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`${flag} must be a positive number, got "${raw}"`);
  }
  return value;
}

function redisUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--redis-url is not a URL: "${raw}"`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new UsageError('--redis-url must start with redis:// or rediss://');
  }
  return raw;
}

function readFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      options: {
        clients: { type: 'string' },
        instances: { type: 'string' },
        'duration-s': { type: 'string' },
        ops: { type: 'string' },
        seed: { type: 'string' },
        'redis-url': { type: 'string' },
        'lock-wait-timeout-ms': { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
