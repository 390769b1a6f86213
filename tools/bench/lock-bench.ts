import { RedisServer } from '@memory-lock/redis-testing';
import { BenchOptions, parseBenchArgs, USAGE } from './bench-args';
import { ChildHost } from './child-host';
import {
  diagnosticsTable,
  figuresOf,
  machineLine,
  mainTable,
  problems,
  settingsLine,
} from './report';
import { RedisStats } from './redis-stats';
import { formatPercent } from './table';
import { PhaseResult, runPhase } from './run-phase';
import { LocalHost, LockUnderTest, WorkerHost } from './worker-host';

/** CPU of other programs, as a share of one core, above which a run's figures are flagged. */
const DISTURBED_CPU = 0.1;

/** The one name every worker contends for. */
const NAME = 'bench:one-name';

const PHASES: [string, LockUnderTest][] = [
  ['baseline (SET NX)', 'baseline'],
  ['fair', 'fair'],
  ['unfair', 'unfair'],
];

/**
 * Lock benchmark: a naive SET NX lock as the baseline, then the library with `fair: true` and
 * `fair: false`, each with the same workers on one name against one local redis-server.
 *
 * Exit codes: 0 done, 1 a lock misbehaved (overlap, error, starved worker), 2 could not run,
 * 130 interrupted.
 */
async function main(): Promise<number> {
  let options: BenchOptions | 'help';
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }

  let server: RedisServer;
  try {
    server = await RedisServer.start();
  } catch (error) {
    console.error(`the benchmark could not start redis-server: ${(error as Error).message}`);
    return 2;
  }
  const children: ChildHost[] = [];
  // On any way out, end what this bench started: its redis-server and its child processes.
  const killAll = () => {
    children.forEach((child) => child.kill());
    if (server.pid !== undefined && server.running) process.kill(server.pid, 'SIGKILL');
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      killAll();
      process.exit(130);
    });
  }

  let redis: RedisStats | undefined;
  const hosts: WorkerHost[] = [];
  try {
    redis = await RedisStats.connect(server.url);
    console.log(`machine: ${machineLine(await redis.version())}`);
    console.log(`setup:   ${settingsLine(options)}\n`);
    await startHosts(server.url, options, hosts, children);

    const results: PhaseResult[] = [];
    for (const [label, lock] of PHASES) {
      process.stdout.write(`running ${label} ...`);
      const result = await runPhase(label, lock, hosts, options, redis);
      results.push(result);
      console.log(` ${result.summary.grants} grants`);
    }
    report(results);
    return results.some((r) => problems(r) !== '') ? 1 : 0;
  } catch (error) {
    console.error(`\nthe benchmark could not run: ${(error as Error).stack ?? error}`);
    return 2;
  } finally {
    await Promise.allSettled(hosts.map((host) => host.close()));
    redis?.close();
    await server.dispose();
  }
}

/**
 * Worker `i` lives in process `i % processes`; with one process, in this one. Every host that
 * started is in `hosts` (and every child process in `children`), even when another one failed.
 */
async function startHosts(
  url: string,
  options: BenchOptions,
  hosts: WorkerHost[],
  children: ChildHost[],
): Promise<void> {
  const ids = Array.from({ length: options.workers }, (_, id) => id);
  if (options.processes === 1) {
    hosts.push(await LocalHost.start(url, NAME, ids));
    return;
  }
  const shares = Array.from({ length: options.processes }, (_, p) =>
    ids.filter((id) => id % options.processes === p),
  );
  const started = await Promise.allSettled(
    shares.map(async (share) => {
      const child = await ChildHost.start(url, NAME, share);
      children.push(child);
      hosts.push(child);
    }),
  );
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
}

function report(results: PhaseResult[]): void {
  console.log(`\n${mainTable(results.map((r) => ({ label: r.label, figures: figuresOf(r) })))}`);
  console.log('\nRatios are against the baseline row. The longest wait includes waits that were');
  console.log('still running when the time was up. Redis cmds/grant counts the commands run');
  console.log('inside scripts too; "sent/grant" below counts only those sent by the workers.\n');
  console.log(diagnosticsTable(results));
  const disturbed = results.filter((r) => r.otherCpu > DISTURBED_CPU);
  if (disturbed.length > 0) {
    const rows = disturbed.map((r) => `${r.label} (${formatPercent(r.otherCpu)})`).join(', ');
    console.log(`\nOther programs used CPU during ${rows}: those figures are disturbed.`);
  }
  for (const result of results) {
    for (const [line, count] of result.libraryLogs) {
      console.log(`${result.label}: the lock library logged ${count}× ${line}`);
    }
  }
}

main().then((code) => process.exit(code));
