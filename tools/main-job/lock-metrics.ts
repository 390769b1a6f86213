/** Lock counters summed over the app processes, read from their `/metrics` text. */
export interface LockMetrics {
  acquire: Map<string, number>;
  lost: Map<string, number>;
}

/** Sums `memory_lock_acquire_total` by `result` and `memory_lock_lost_total` by `reason`. */
export function sumLockMetrics(texts: string[]): LockMetrics {
  const metrics: LockMetrics = { acquire: new Map(), lost: new Map() };
  for (const text of texts) {
    for (const line of text.split('\n')) {
      addSample(metrics.acquire, line, 'memory_lock_acquire_total', 'result');
      addSample(metrics.lost, line, 'memory_lock_lost_total', 'reason');
    }
  }
  return metrics;
}

function addSample(into: Map<string, number>, line: string, metric: string, label: string): void {
  if (!line.startsWith(`${metric}{`)) return;
  const labelMatch = new RegExp(`[{,]${label}="([^"]*)"`).exec(line);
  const value = Number(line.slice(line.lastIndexOf(' ') + 1));
  if (!labelMatch || !Number.isFinite(value)) return;
  into.set(labelMatch[1], (into.get(labelMatch[1]) ?? 0) + value);
}
