import { parseQuery } from './promql-ast';
import { evaluate, labelKey, Series } from './promql-eval';

/** The parts of a Grafana panel the preview reads. */
export interface GrafanaPanel {
  type?: string;
  title?: string;
  gridPos?: { x: number; y: number; w: number; h: number };
  fieldConfig?: {
    defaults?: {
      unit?: string;
      custom?: { drawStyle?: string; stacking?: { mode?: string } };
      mappings?: { type?: string; options?: Record<string, { text?: string; color?: string }> }[];
    };
  };
  targets?: { expr?: string; legendFormat?: string }[];
  panels?: GrafanaPanel[];
}

/** One drawn line (or bar series, or stat value) of a panel. */
export interface PanelLine {
  name: string;
  points: { t: number; v: number }[];
}

/** What the preview draws for one panel. */
export interface PanelData {
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  unit: string;
  bars: boolean;
  stacked: boolean;
  mappings: Record<string, { text?: string; color?: string }>;
  lines: PanelLine[];
  /** Why a query could not be drawn, if one could not. */
  problem?: string;
}

/** Replaces Grafana variables (`$name`, `${name}`, `${name:fmt}`, `[[name]]`) by their values. */
export function substituteVariables(expr: string, values: Record<string, string>): string {
  return expr.replace(
    /\$\{(\w+)(?::\w+)?\}|\$(\w+)|\[\[(\w+)\]\]/g,
    (whole, a?: string, b?: string, c?: string) => values[(a ?? b ?? c) as string] ?? whole,
  );
}

/** Fills `{{label}}` in a legend format; without a format, names the series by its labels. */
export function legendName(format: string | undefined, labels: Record<string, string>): string {
  if (format && format !== '__auto') {
    return format.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => labels[name] ?? '');
  }
  const key = labelKey(labels);
  return key === '' ? 'value' : `{${key}}`;
}

/** Evaluates every target of every panel (rows' nested panels too) at each of `times`. */
export function panelData(
  panels: GrafanaPanel[],
  series: Series[],
  times: number[],
  variables: Record<string, string>,
): PanelData[] {
  return panels.flatMap((panel) => [
    dataOf(panel, series, times, variables),
    ...panelData(panel.panels ?? [], series, times, variables),
  ]);
}

function dataOf(
  panel: GrafanaPanel,
  series: Series[],
  times: number[],
  variables: Record<string, string>,
): PanelData {
  const defaults = panel.fieldConfig?.defaults ?? {};
  const data: PanelData = {
    type: panel.type ?? 'timeseries',
    title: panel.title ?? '',
    gridPos: panel.gridPos ?? { x: 0, y: 0, w: 12, h: 8 },
    unit: defaults.unit ?? 'short',
    bars: defaults.custom?.drawStyle === 'bars',
    stacked: (defaults.custom?.stacking?.mode ?? 'none') !== 'none',
    mappings: Object.assign({}, ...(defaults.mappings ?? []).map((m) => m.options ?? {})),
    lines: [],
  };

  for (const target of panel.targets ?? []) {
    if (!target.expr) continue;
    try {
      data.lines.push(...linesOf(target.expr, target.legendFormat, series, times, variables));
    } catch (error) {
      data.problem = error instanceof Error ? error.message : String(error);
    }
  }

  return data;
}

function linesOf(
  expr: string,
  legend: string | undefined,
  series: Series[],
  times: number[],
  variables: Record<string, string>,
): PanelLine[] {
  const query = parseQuery(substituteVariables(expr, variables));
  const lines = new Map<string, PanelLine>();

  for (const t of times) {
    for (const entry of evaluate(query, series, t)) {
      const name = legendName(legend, entry.labels);
      const line = lines.get(name) ?? { name, points: [] };
      line.points.push({ t, v: entry.value });
      lines.set(name, line);
    }
  }

  return [...lines.values()].sort((a, b) => a.name.localeCompare(b.name));
}
