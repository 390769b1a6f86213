/**
 * Checks that every series name the alerting rules and the dashboard read is exposed by a live
 * memory-api: reads deploy/prometheus/alerts.yml and deploy/grafana/memory-lock-dashboard.json,
 * fetches /metrics, and exits 1 listing the names the scrape lacks.
 *
 * Usage: npx ts-node --transpile-only tools/ops/check-metric-names.ts [url] [options]
 *   url                 default http://127.0.0.1:3000/metrics
 *   --file <path>       read a saved scrape instead of fetching one
 *   --rules <path>      rules file (default deploy/prometheus/alerts.yml)
 *   --dashboard <path>  dashboard (default deploy/grafana/memory-lock-dashboard.json)
 *   --strict            also fail on names declared by `# TYPE` that have no sample yet
 *
 * Exit codes: 0 all present, 1 names missing, 2 the scrape or a file could not be read.
 */
import * as fs from 'fs';
import * as path from 'path';

import { parseExposition } from './exposition';
import { checkNames, hintFor, NameCheck, UsedName, usedNames } from './metric-check';
import { exprsFromDashboard, exprsFromRulesFile } from './query-sources';
import { fetchMetrics } from './scrape';

const ROOT = path.resolve(__dirname, '..', '..');

interface Options {
  url: string;
  file?: string;
  rules: string;
  dashboard: string;
  strict: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    url: 'http://127.0.0.1:3000/metrics',
    rules: path.join(ROOT, 'deploy/prometheus/alerts.yml'),
    dashboard: path.join(ROOT, 'deploy/grafana/memory-lock-dashboard.json'),
    strict: false,
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--strict') options.strict = true;
    else if (arg === '--file') options.file = argv[++i];
    else if (arg === '--rules') options.rules = argv[++i];
    else if (arg === '--dashboard') options.dashboard = argv[++i];
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else options.url = arg;
  }

  return options;
}

function list(title: string, entries: UsedName[], hint?: (name: string) => string | undefined) {
  if (entries.length === 0) return;
  console.log(`${title} (${entries.length}):`);
  for (const entry of entries) {
    console.log(`  ${entry.name}    used in ${entry.usedIn.join(', ')}`);
    const text = hint?.(entry.name);
    if (text) console.log(`    hint: ${text}`);
  }
}

function report(check: NameCheck, source: string, hint: (name: string) => string | undefined) {
  const total = check.present.length + check.declaredOnly.length + check.missing.length;
  console.log(`check-metric-names: ${total} series names read by the rules and dashboard`);
  console.log(`  scrape: ${source}`);

  list('present', check.present);
  list('declared but no sample yet (nothing has happened to them)', check.declaredOnly);
  list('made by Prometheus, not checked', check.skipped);
  list('MISSING from the scrape', check.missing, hint);
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));

  const sources = [
    ...exprsFromRulesFile(fs.readFileSync(options.rules, 'utf8')),
    ...exprsFromDashboard(JSON.parse(fs.readFileSync(options.dashboard, 'utf8'))),
  ];
  const text = options.file
    ? fs.readFileSync(options.file, 'utf8')
    : await fetchMetrics(options.url);

  const exposition = parseExposition(text);
  const check = checkNames(usedNames(sources), exposition);
  report(check, options.file ?? options.url, (name) => hintFor(name, exposition));

  const failing = [...check.missing, ...(options.strict ? check.declaredOnly : [])];
  if (failing.length > 0) {
    console.log(`check-metric-names: FAILED, ${failing.length} name(s) not exposed`);
    return 1;
  }

  console.log('check-metric-names: OK, every name is exposed');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`check-metric-names: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
