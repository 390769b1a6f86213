import { parseExposition } from './exposition';
import { labelKey, Series } from './promql-eval';
import { fetchMetrics } from './scrape';

/** One scrape of one target, kept as the text the target answered. */
export interface ScrapeRecord {
  /** When the scrape was taken, in ms since the epoch (or since the start, for synthetic data). */
  t: number;
  job: string;
  instance: string;
  text: string;
}

/** A file of scrapes over time: what the dashboard preview is drawn from. */
export interface ScrapeSeriesFile {
  format: 'memory-lock-scrapes/1';
  /** Where the scrapes came from, shown on the preview. */
  source: string;
  scrapes: ScrapeRecord[];
}

/**
 * Turns the scrapes into series, adding `job` and `instance` as Prometheus would from its target.
 */
export function toSeries(file: ScrapeSeriesFile): Series[] {
  const byKey = new Map<string, Series>();

  for (const scrape of [...file.scrapes].sort((a, b) => a.t - b.t)) {
    for (const sample of parseExposition(scrape.text).samples) {
      const labels = {
        ...sample.labels,
        __name__: sample.name,
        job: scrape.job,
        instance: scrape.instance,
      };
      const key = labelKey(labels);
      const series: Series = byKey.get(key) ?? { labels, points: [] };
      series.points.push({ t: scrape.t, v: sample.value });
      byKey.set(key, series);
    }
  }

  return [...byKey.values()];
}

/** The distinct scrape times, in order. */
export function scrapeTimes(file: ScrapeSeriesFile): number[] {
  return [...new Set(file.scrapes.map((s) => s.t))].sort((a, b) => a - b);
}

/** Scrapes each URL every `everyMs` for `durationMs`, then returns what it collected. */
export async function recordScrapes(
  urls: string[],
  durationMs: number,
  everyMs: number,
  job = 'memory-api',
): Promise<ScrapeSeriesFile> {
  const scrapes: ScrapeRecord[] = [];
  const start = Date.now();

  while (Date.now() - start <= durationMs) {
    const t = Date.now();
    const texts = await Promise.all(urls.map((url) => fetchMetrics(url)));
    texts.forEach((text, i) => scrapes.push({ t, job, instance: new URL(urls[i]).host, text }));

    const wait = everyMs - (Date.now() - t);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  return {
    format: 'memory-lock-scrapes/1',
    source: `live scrape of ${urls.join(', ')} at ${new Date(start).toISOString()}`,
    scrapes,
  };
}
