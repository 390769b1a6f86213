/**
 * Draws the Grafana dashboard's panels as an SVG, from scrapes of memory-api's /metrics, so the
 * README can show what the dashboard looks like without a Grafana.
 *
 * Usage: npx ts-node --transpile-only tools/ops/render-dashboard.ts [options]
 *   --url <url>          scrape this /metrics live (repeat for several replicas)
 *   --duration <s>       how long to scrape live (default 30)
 *   --every <s>          seconds between scrapes (default 2)
 *   --save <path>        also write the live scrapes to this file, to draw again later
 *   --input <path>       draw from a saved scrape file instead
 *   (neither --url nor --input: draw synthetic data from simulate-scrapes.ts)
 *   --rate-interval <d>  what $__rate_interval stands for (default 10s)
 *   --dashboard <path>   default deploy/grafana/memory-lock-dashboard.json
 *   --out <path>         default deploy/grafana/dashboard-preview.svg, or
 *                        deploy/grafana/dashboard-preview-synthetic.svg for synthetic data
 */
import * as fs from 'fs';
import * as path from 'path';

import { panelData } from './panel-data';
import { recordScrapes, ScrapeSeriesFile, scrapeTimes, toSeries } from './scrape-series';
import { simulateScrapes } from './simulate-scrapes';
import { renderDashboardSvg } from './svg-dashboard';

const ROOT = path.resolve(__dirname, '..', '..');

interface Options {
  urls: string[];
  durationS: number;
  everyS: number;
  save?: string;
  input?: string;
  rateInterval: string;
  dashboard: string;
  out?: string;
}

const SETTERS: Record<string, (options: Options, value: string) => void> = {
  '--url': (o, v) => o.urls.push(v),
  '--duration': (o, v) => (o.durationS = Number(v)),
  '--every': (o, v) => (o.everyS = Number(v)),
  '--save': (o, v) => (o.save = v),
  '--input': (o, v) => (o.input = v),
  '--rate-interval': (o, v) => (o.rateInterval = v),
  '--dashboard': (o, v) => (o.dashboard = v),
  '--out': (o, v) => (o.out = v),
};

function parseArgs(argv: string[]): Options {
  const options: Options = {
    urls: [],
    durationS: 30,
    everyS: 2,
    rateInterval: '10s',
    dashboard: path.join(ROOT, 'deploy/grafana/memory-lock-dashboard.json'),
  };

  for (let i = 0; i < argv.length; i += 2) {
    const set = SETTERS[argv[i]];
    if (!set || argv[i + 1] === undefined) throw new Error(`bad argument ${argv[i]}`);
    set(options, argv[i + 1]);
  }

  return options;
}

async function loadScrapes(options: Options): Promise<ScrapeSeriesFile> {
  if (options.input) return JSON.parse(fs.readFileSync(options.input, 'utf8'));
  if (options.urls.length === 0) return simulateScrapes();

  console.log(`render-dashboard: scraping ${options.urls.join(', ')} for ${options.durationS}s`);
  const file = await recordScrapes(options.urls, options.durationS * 1000, options.everyS * 1000);
  if (options.save) fs.writeFileSync(options.save, JSON.stringify(file, null, 1) + '\n');
  return file;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const dashboard = JSON.parse(fs.readFileSync(options.dashboard, 'utf8'));
  const scrapes = await loadScrapes(options);

  const variables = {
    lock: '.*',
    instance: '.*',
    __rate_interval: options.rateInterval,
    __interval: options.rateInterval,
  };
  const times = scrapeTimes(scrapes);
  const panels = panelData(dashboard.panels ?? [], toSeries(scrapes), times, variables);

  const svg = renderDashboardSvg(
    {
      title: `${dashboard.title ?? 'dashboard'} (preview)`,
      notes: [
        `Data: ${scrapes.source}`,
        `lock = All, instance = All, $__rate_interval = ${options.rateInterval}; drawn by tools/ops/render-dashboard.ts`,
      ],
    },
    panels,
    times,
  );
  const synthetic = !options.input && options.urls.length === 0;
  const out =
    options.out ??
    path.join(ROOT, `deploy/grafana/dashboard-preview${synthetic ? '-synthetic' : ''}.svg`);
  fs.writeFileSync(out, svg);

  for (const panel of panels.filter((p) => p.problem)) {
    console.log(`render-dashboard: panel "${panel.title}" not drawn: ${panel.problem}`);
  }
  console.log(
    `render-dashboard: wrote ${path.relative(process.cwd(), out)} (${panels.length} panels)`,
  );
}

main().catch((error: unknown) => {
  console.error(`render-dashboard: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
