import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { BenchOptions } from './bench-args';
import { GrantSummary, mergeLogs, monotonicMs, summarizeGrants } from './grants';
import { machineCoresBusy, machineCpuTimes } from './machine-cpu';
import { callsBetween, RedisStats } from './redis-stats';
import { LockUnderTest, WorkerHost } from './worker-host';

/** What one lock did in its measured run, across every process that hosts workers. */
export interface PhaseResult {
  label: string;
  /** From the first worker's start until every worker had stopped, in ms. */
  elapsedMs: number;
  summary: GrantSummary;
  /** Commands Redis ran, by name, scripts' own calls included; the bench's INFO left out. */
  redisCalls: Map<string, number>;
  /** Commands the workers' clients sent to Redis. */
  sentCommands: number;
  /** CPU used by the worker processes together and by redis-server, as a share of one core. */
  workersCpu: number;
  redisCpu: number;
  /** CPU the rest of the machine used meanwhile (other programs), as a share of one core. */
  otherCpu: number;
  /** The busiest worker process's event loop: share of the run it was busy. */
  loopBusy: number;
  libraryLogs: Map<string, number>;
}

/** Lets commands sent as the run ended (unsubscribes, withdrawals) reach Redis before counting. */
const SETTLE_MS = 100;

/** Warms the lock up without measuring, then measures one run of `options.seconds`. */
export async function runPhase(
  label: string,
  lock: LockUnderTest,
  hosts: WorkerHost[],
  options: BenchOptions,
  redis: RedisStats,
): Promise<PhaseResult> {
  const runAll = (ms: number) => {
    const endAt = monotonicMs() + ms;
    return Promise.all(hosts.map((host) => host.run(lock, endAt, options.workMs)));
  };
  if (options.warmupSeconds > 0) await runAll(options.warmupSeconds * 1000);
  await sleep(SETTLE_MS);

  const before = await redis.snapshot();
  const wallBefore = performance.now();
  const machineBefore = machineCpuTimes();
  const runs = await runAll(options.seconds * 1000);
  const machineBusy = machineCoresBusy(machineBefore, machineCpuTimes(), cpus().length);
  await sleep(SETTLE_MS);
  const after = await redis.snapshot();
  const wallMs = performance.now() - wallBefore;

  const log = mergeLogs(runs.map((run) => run.log));
  const elapsedMs = log.endedAt - log.startedAt;
  const libraryLogs = new Map<string, number>();
  for (const [line, count] of runs.flatMap((run) => run.libraryLogs)) {
    libraryLogs.set(line, (libraryLogs.get(line) ?? 0) + count);
  }
  const workersCpu = sum(runs.map((run) => run.cpuMs)) / elapsedMs;
  const redisCpu = ((after.cpuSeconds - before.cpuSeconds) * 1000) / wallMs;
  return {
    label,
    elapsedMs,
    summary: summarizeGrants(log, options.workers),
    redisCalls: callsBetween(before.calls, after.calls, ['info']),
    sentCommands: sum(runs.map((run) => run.sentCommands)),
    workersCpu,
    redisCpu,
    otherCpu: Math.max(0, machineBusy - workersCpu - redisCpu),
    loopBusy: Math.max(...runs.map((run) => run.loopBusy)),
    libraryLogs,
  };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
