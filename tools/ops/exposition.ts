/** One sample line of a scrape: `name{labels} value [timestamp]`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A parsed scrape: its samples and the metric families its `# TYPE` lines declare. */
export interface Exposition {
  samples: Sample[];
  types: Map<string, string>;
}

/**
 * Parses the Prometheus text exposition format (and the OpenMetrics text format, which differs
 * only in details that matter here: `# EOF`, counter families named without `_total`, exemplars).
 * Lines that cannot be read are skipped, as a scraper would refuse them one by one.
 */
export function parseExposition(text: string): Exposition {
  const samples: Sample[] = [];
  const types = new Map<string, string>();

  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;

    if (line.startsWith('#')) {
      const type = /^#\s+TYPE\s+(\S+)\s+(\S+)/.exec(line);
      if (type) types.set(type[1], type[2]);
      continue;
    }

    const sample = parseSampleLine(line);
    if (sample) samples.push(sample);
  }

  return { samples, types };
}

/**
 * The series names a scrape may carry, from its `# TYPE` lines: a histogram `x` declares
 * `x_bucket`, `x_sum` and `x_count`, a summary `x` declares `x`, `x_sum` and `x_count`, and so on.
 */
export function declaredSeriesNames(types: Map<string, string>): Set<string> {
  const names = new Set<string>();

  for (const [family, type] of types) {
    for (const suffix of seriesSuffixes(family, type)) names.add(family + suffix);
  }

  return names;
}

/** The series names that have at least one sample in the scrape. */
export function sampledSeriesNames(exposition: Exposition): Set<string> {
  return new Set(exposition.samples.map((sample) => sample.name));
}

function seriesSuffixes(family: string, type: string): string[] {
  switch (type) {
    case 'counter':
      return family.endsWith('_total') ? ['', '_created'] : ['', '_total', '_created'];
    case 'histogram':
      return ['_bucket', '_sum', '_count', '_created'];
    case 'gaugehistogram':
      return ['_bucket', '_gsum', '_gcount'];
    case 'summary':
      return ['', '_sum', '_count', '_created'];
    case 'info':
      return ['_info'];
    default:
      return [''];
  }
}

function parseSampleLine(line: string): Sample | undefined {
  const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
  if (!name) return undefined;

  let rest = line.slice(name[0].length);
  let labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    const parsed = parseLabels(rest);
    if (!parsed) return undefined;
    labels = parsed.labels;
    rest = rest.slice(parsed.length);
  }

  const withoutExemplar = rest.split(' # ')[0];
  const fields = withoutExemplar.trim().split(/\s+/);
  const value = parseValue(fields[0]);
  if (value === undefined) return undefined;

  return { name: name[0], labels, value };
}

function parseLabels(text: string): { labels: Record<string, string>; length: number } | undefined {
  const labels: Record<string, string> = {};
  let i = 1;

  while (i < text.length) {
    while (text[i] === ' ' || text[i] === ',') i++;
    if (text[i] === '}') return { labels, length: i + 1 };

    const name = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(i));
    if (!name || text[i + name[0].length] !== '=' || text[i + name[0].length + 1] !== '"') {
      return undefined;
    }
    i += name[0].length + 2;

    let value = '';
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        i++;
        value += text[i] === 'n' ? '\n' : text[i];
      } else {
        value += text[i];
      }
      i++;
    }
    labels[name[0]] = value;
    i++;
  }

  return undefined;
}

function parseValue(field: string | undefined): number | undefined {
  if (field === undefined || field === '') return undefined;
  if (field === '+Inf' || field === 'Inf') return Infinity;
  if (field === '-Inf') return -Infinity;
  if (field === 'NaN') return NaN;

  const value = Number(field);
  return Number.isNaN(value) ? undefined : value;
}
