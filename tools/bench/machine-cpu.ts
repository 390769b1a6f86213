import { cpus } from 'node:os';

export interface CpuTimes {
  busyMs: number;
  totalMs: number;
}

/** CPU time of every core of the machine since boot: busy, and busy plus idle. */
export function machineCpuTimes(): CpuTimes {
  let busyMs = 0;
  let totalMs = 0;
  for (const { times } of cpus()) {
    const busy = times.user + times.nice + times.sys + times.irq;
    busyMs += busy;
    totalMs += busy + times.idle;
  }
  return { busyMs, totalMs };
}

/**
 * Cores' worth of CPU the whole machine used between two readings over `wallMs` (2.0 = two cores
 * busy), from the share of busy time times the number of cores.
 */
export function machineCoresBusy(before: CpuTimes, after: CpuTimes, cores: number): number {
  const total = after.totalMs - before.totalMs;
  if (total <= 0) return NaN;
  return ((after.busyMs - before.busyMs) / total) * cores;
}
