import { Expr, Matcher } from './promql-ast';

/** One series over time; `labels` holds `__name__` too. Points are in time order, t in ms. */
export interface Series {
  labels: Record<string, string>;
  points: { t: number; v: number }[];
}

/** One element of an instant vector. */
export interface VectorEntry {
  labels: Record<string, string>;
  value: number;
}

// As in Prometheus: an instant selector takes the newest point at most this old.
const LOOKBACK_MS = 5 * 60 * 1000;

/**
 * Evaluates a parsed query at time `t` (ms) over stored series, the way Prometheus would, with
 * one simplification: `rate` and `increase` use the first and last points in the range without
 * extrapolating to its edges.
 */
export function evaluate(expr: Expr, series: Series[], t: number): VectorEntry[] {
  switch (expr.type) {
    case 'selector': {
      if (expr.rangeSeconds !== undefined) throw new Error('a range needs rate() or increase()');
      return series
        .filter((s) => selects(expr.name, expr.matchers, s))
        .flatMap((s) => {
          const point = latest(s, t);
          return point ? [{ labels: s.labels, value: point.v }] : [];
        });
    }
    case 'call':
      return evaluateCall(expr.fn, expr.args, series, t);
    case 'aggregate':
      return aggregate(expr.op, expr.without, expr.labels, evaluate(expr.expr, series, t));
    case 'number':
      throw new Error('a number is not a vector');
  }
}

function evaluateCall(fn: string, args: Expr[], series: Series[], t: number): VectorEntry[] {
  if (fn === 'histogram_quantile') {
    const [q, inner] = args;
    if (q?.type !== 'number' || !inner) throw new Error('histogram_quantile(number, vector)');
    return histogramQuantile(q.value, evaluate(inner, series, t));
  }

  const [range] = args;
  if (range?.type !== 'selector' || range.rangeSeconds === undefined) {
    throw new Error(`${fn} needs a range selector`);
  }
  const seconds = range.rangeSeconds;

  return series
    .filter((s) => selects(range.name, range.matchers, s))
    .flatMap((s) => {
      const window = s.points.filter((p) => p.t > t - seconds * 1000 && p.t <= t);
      if (window.length < 2) return [];

      const perSecond =
        counterIncrease(window) / ((window[window.length - 1].t - window[0].t) / 1000);
      const value = fn === 'rate' ? perSecond : perSecond * seconds;
      return [{ labels: withoutName(s.labels), value }];
    });
}

// A drop in a counter is a restart: count from zero again.
function counterIncrease(points: { v: number }[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const step = points[i].v - points[i - 1].v;
    total += step >= 0 ? step : points[i].v;
  }
  return total;
}

function aggregate(
  op: string,
  without: boolean,
  labels: string[] | undefined,
  input: VectorEntry[],
): VectorEntry[] {
  const groups = new Map<string, { labels: Record<string, string>; values: number[] }>();

  for (const entry of input) {
    const kept = groupLabels(entry.labels, without, labels ?? []);
    const key = labelKey(kept);
    const group = groups.get(key) ?? { labels: kept, values: [] };
    group.values.push(entry.value);
    groups.set(key, group);
  }

  return [...groups.values()].map(({ labels: kept, values }) => ({
    labels: kept,
    value: combine(op, values),
  }));
}

function combine(op: string, values: number[]): number {
  switch (op) {
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
    case 'avg':
      return values.reduce((a, b) => a + b, 0) / values.length;
    default:
      return values.length;
  }
}

/** The Prometheus estimate: linear inside the bucket the rank falls in. */
function histogramQuantile(q: number, input: VectorEntry[]): VectorEntry[] {
  const groups = new Map<string, { labels: Record<string, string>; buckets: [number, number][] }>();

  for (const entry of input) {
    const { le, ...rest } = entry.labels;
    if (le === undefined) continue;
    const kept = withoutName(rest);
    const key = labelKey(kept);
    const group = groups.get(key) ?? { labels: kept, buckets: [] };
    group.buckets.push([le === '+Inf' ? Infinity : Number(le), entry.value]);
    groups.set(key, group);
  }

  return [...groups.values()].flatMap(({ labels, buckets }) => {
    const value = quantileOf(
      q,
      buckets.sort((a, b) => a[0] - b[0]),
    );
    return Number.isNaN(value) ? [] : [{ labels, value }];
  });
}

function quantileOf(q: number, buckets: [number, number][]): number {
  const last = buckets[buckets.length - 1];
  if (buckets.length < 2 || last[0] !== Infinity || last[1] <= 0) return NaN;

  const rank = q * last[1];
  const index = buckets.findIndex(([, count]) => count >= rank);
  if (index === buckets.length - 1) return buckets[buckets.length - 2][0];

  const [upper, count] = buckets[index];
  const [lower, below] = index === 0 ? [0, 0] : buckets[index - 1];
  if (count === below) return upper;
  return lower + ((upper - lower) * (rank - below)) / (count - below);
}

function selects(name: string, matchers: Matcher[], s: Series): boolean {
  if (s.labels.__name__ !== name) return false;
  return matchers.every((m) => matches(m, s.labels[m.label] ?? ''));
}

function matches(m: Matcher, value: string): boolean {
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return new RegExp(`^(?:${m.value})$`).test(value);
    case '!~':
      return !new RegExp(`^(?:${m.value})$`).test(value);
  }
}

function latest(s: Series, t: number) {
  for (let i = s.points.length - 1; i >= 0; i--) {
    const point = s.points[i];
    if (point.t <= t) return t - point.t <= LOOKBACK_MS ? point : undefined;
  }
  return undefined;
}

function groupLabels(labels: Record<string, string>, without: boolean, names: string[]) {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels)) {
    if (name !== '__name__' && names.includes(name) !== without) kept[name] = value;
  }
  return kept;
}

function withoutName(labels: Record<string, string>): Record<string, string> {
  const { __name__: _name, ...rest } = labels;
  return rest;
}

/** A stable key for a label set. */
export function labelKey(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',');
}
