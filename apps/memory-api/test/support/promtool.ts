import { spawnSync } from 'node:child_process';

const INSTALL_HINT =
  'promtool was not found: install it (Debian/Ubuntu: `apt-get install prometheus`) or set ' +
  'PROMTOOL to its path. CI installs it; this check does not skip without it.';

export interface PromtoolResult {
  status: number | null;
  /** What promtool printed: one line per lint problem, empty when there is none. */
  output: string;
}

/** Runs `promtool check metrics` over a scrape, as Prometheus's own linter sees it. */
export function promtoolCheckMetrics(scrape: string): PromtoolResult {
  const bin = process.env.PROMTOOL || 'promtool';
  const run = spawnSync(bin, ['check', 'metrics'], { input: scrape, encoding: 'utf8' });
  if (run.error) {
    const missing = (run.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(missing ? INSTALL_HINT : `${bin} could not run: ${run.error.message}`);
  }
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
}
