/** The value at quantile `q` (0 < q <= 1) of ascending `sorted`, nearest rank; NaN when empty. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export interface WaitSummary {
  p50: number;
  p99: number;
  max: number;
}

/**
 * p50 and p99 of the completed waits; the maximum also counts waits still running when the run
 * ended (`unfinishedMax`), so a worker that never got the lock shows as a long wait, not as none.
 */
export function summarizeWaits(waits: number[], unfinishedMax = 0): WaitSummary {
  const sorted = Float64Array.from(waits).sort();
  const completedMax = sorted.length > 0 ? sorted[sorted.length - 1] : 0;
  return {
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: Math.max(completedMax, unfinishedMax),
  };
}

export function minMax(values: number[]): { min: number; max: number } {
  if (values.length === 0) return { min: NaN, max: NaN };
  return { min: Math.min(...values), max: Math.max(...values) };
}
