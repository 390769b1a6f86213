import { declaredSeriesNames, Exposition, sampledSeriesNames } from './exposition';
import { extractMetricNames } from './promql-names';
import { QuerySource } from './query-sources';

// Series that Prometheus makes itself; a target never exposes them.
const MADE_BY_PROMETHEUS = new Set([
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
  'ALERTS',
  'ALERTS_FOR_STATE',
]);

/** A series name the queries read, and where. */
export interface UsedName {
  name: string;
  usedIn: string[];
}

/** What a scrape says about the names the queries read. */
export interface NameCheck {
  /** Exposed with at least one sample. */
  present: UsedName[];
  /** Declared by a `# TYPE` line but without a sample yet: a labelled counter nobody has touched. */
  declaredOnly: UsedName[];
  /** Neither declared nor sampled: a query that can never match. */
  missing: UsedName[];
  /** Made by Prometheus, not by the target, so not looked for in the scrape. */
  skipped: UsedName[];
}

/** Every series name that the given expressions read, with the places that read it. */
export function usedNames(sources: QuerySource[]): UsedName[] {
  const byName = new Map<string, string[]>();

  for (const source of sources) {
    for (const name of extractMetricNames(source.expr)) {
      const places = byName.get(name) ?? [];
      if (!places.includes(source.where)) places.push(source.where);
      byName.set(name, places);
    }
  }

  return [...byName].map(([name, usedIn]) => ({ name, usedIn }));
}

/**
 * Compares the exact series names the queries read with the names a scrape exposes. A histogram
 * `x` exposes `x_bucket`, `x_sum` and `x_count`, never `x` itself, so a query on `x` is missing.
 */
export function checkNames(used: UsedName[], exposition: Exposition): NameCheck {
  const sampled = sampledSeriesNames(exposition);
  const declared = declaredSeriesNames(exposition.types);
  const check: NameCheck = { present: [], declaredOnly: [], missing: [], skipped: [] };

  for (const entry of used) {
    if (MADE_BY_PROMETHEUS.has(entry.name)) check.skipped.push(entry);
    else if (sampled.has(entry.name)) check.present.push(entry);
    else if (declared.has(entry.name)) check.declaredOnly.push(entry);
    else check.missing.push(entry);
  }

  return check;
}

/** A hint for a missing name that is close to an exposed one (a histogram's base name, say). */
export function hintFor(name: string, exposition: Exposition): string | undefined {
  const type = exposition.types.get(name);
  if (type === 'histogram') return `${name} is a histogram: read ${name}_bucket, _sum or _count`;
  if (type === 'summary') return undefined;

  const base = name.replace(/_(bucket|sum|count|total)$/, '');
  const family = exposition.types.get(base);
  if (base !== name && family) return `${base} is exposed as a ${family}`;

  return undefined;
}
