import { PanelData, PanelLine } from './panel-data';
import { cssColor, escapeXml, formatValue, niceCeiling, PALETTE } from './svg-format';

/** Where a panel goes on the page, in pixels. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const TEXT = '#ccccdc';
const MUTED = '#8e8e9e';
const GRID = '#2c3235';
const LEGEND_ROW = 16;

/** A panel's frame and title, with its content drawn by type. */
export function drawPanel(panel: PanelData, box: Box, times: number[]): string {
  if (panel.type === 'row') return drawRow(panel, box);

  const parts = [
    `<rect x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}" rx="3" fill="#181b1f" stroke="${GRID}"/>`,
    text(box.x + 10, box.y + 19, panel.title, { size: 13, weight: 600 }),
  ];
  const inner = { x: box.x + 8, y: box.y + 30, w: box.w - 16, h: box.h - 38 };

  if (panel.problem) parts.push(centered(inner, panel.problem, MUTED));
  else if (panel.lines.every((l) => l.points.length === 0))
    parts.push(centered(inner, 'No data', MUTED));
  else if (panel.type === 'stat') parts.push(drawStat(panel, inner));
  else parts.push(drawTimeseries(panel, inner, times));

  return parts.join('\n');
}

function drawRow(panel: PanelData, box: Box): string {
  return [
    text(box.x + 2, box.y + box.h - 8, panel.title, { size: 15, weight: 600 }),
    `<line x1="${box.x}" y1="${box.y + box.h - 2}" x2="${box.x + box.w}" y2="${box.y + box.h - 2}" stroke="${GRID}"/>`,
  ].join('\n');
}

function drawStat(panel: PanelData, box: Box): string {
  const tileH = box.h / panel.lines.length;

  return panel.lines
    .map((line, i) => {
      const value = line.points[line.points.length - 1]?.v ?? NaN;
      const mapped = panel.mappings[String(value)];
      const color = cssColor(mapped?.color ?? (value >= 1 ? 'green' : 'red'));
      const shown = mapped?.text ?? formatValue(value, panel.unit);
      const y = box.y + i * tileH;

      return [
        `<rect x="${box.x}" y="${y + 2}" width="${box.w}" height="${tileH - 4}" rx="2" fill="${color}"/>`,
        text(box.x + 10, y + tileH / 2 + 5, line.name, { size: 12, fill: '#111217' }),
        text(box.x + box.w - 10, y + tileH / 2 + 7, shown, {
          size: 20,
          weight: 700,
          fill: '#111217',
          anchor: 'end',
        }),
      ].join('\n');
    })
    .join('\n');
}

type Scale = { x: (i: number) => number; y: (v: number) => number };

function drawTimeseries(panel: PanelData, box: Box, times: number[]): string {
  const legendRows = Math.ceil(panel.lines.length / legendColumns(box.w));
  const plot = {
    x: box.x + 56,
    y: box.y + 4,
    w: box.w - 62,
    h: box.h - 30 - legendRows * LEGEND_ROW,
  };
  const stacks = stackedValues(panel, times);
  const top = niceCeiling(Math.max(0, ...stacks.flatMap((s) => s.filter(Number.isFinite))));
  const scale: Scale = {
    x: (i) => plot.x + (times.length < 2 ? 0 : (plot.w * i) / (times.length - 1)),
    y: (v) => plot.y + plot.h - (plot.h * v) / top,
  };
  const parts = [axes(plot, top, panel.unit, times, scale)];

  panel.lines.forEach((_, n) => {
    const color = PALETTE[n % PALETTE.length];
    const below = panel.stacked && n > 0 ? stacks[n - 1] : times.map(() => 0);
    if (panel.bars) parts.push(bars(stacks[n], below, scale, plot.w / times.length, color));
    else parts.push(area(stacks[n], below, scale, color));
  });

  parts.push(legend(panel.lines, { x: box.x + 4, y: plot.y + plot.h + 28, w: box.w - 8, h: 0 }));
  return parts.join('\n');
}

function axes(plot: Box, top: number, unit: string, times: number[], scale: Scale): string {
  const parts: string[] = [];

  for (const fraction of [0, 0.5, 1]) {
    const y = scale.y(top * fraction);
    const label = formatValue(top * fraction, unit);
    parts.push(
      `<line x1="${plot.x}" y1="${y}" x2="${plot.x + plot.w}" y2="${y}" stroke="${GRID}"/>`,
    );
    parts.push(text(plot.x - 6, y + 4, label, { size: 10, fill: MUTED, anchor: 'end' }));
  }

  const seconds = Math.round((times[times.length - 1] - times[0]) / 1000);
  const y = plot.y + plot.h + 13;
  parts.push(text(plot.x, y, `-${seconds}s`, { size: 10, fill: MUTED }));
  parts.push(text(plot.x + plot.w, y, 'now', { size: 10, fill: MUTED, anchor: 'end' }));
  return parts.join('\n');
}

// Each line's values at each time; stacked panels add the lines below. Where no line has a
// value (before the first full rate window, say) nothing is drawn.
function stackedValues(panel: PanelData, times: number[]): number[][] {
  const rows = panel.lines.map((line) => alignTo(line, times));
  if (!panel.stacked) return rows;

  const empty = times.map((_, i) => rows.every((row) => !Number.isFinite(row[i])));
  return rows.map((row, n) =>
    row.map((v, i) => {
      if (empty[i]) return NaN;
      return (Number.isFinite(v) ? v : 0) + (n === 0 ? 0 : sumBelow(rows, n, i));
    }),
  );
}

function sumBelow(rows: number[][], n: number, i: number): number {
  return rows.slice(0, n).reduce((sum, row) => sum + (Number.isFinite(row[i]) ? row[i] : 0), 0);
}

function alignTo(line: PanelLine, times: number[]): number[] {
  const byTime = new Map(line.points.map((p) => [p.t, p.v]));
  return times.map((t) => byTime.get(t) ?? NaN);
}

// A line with a light fill down to the series below it; gaps where there is no value.
function area(values: number[], below: number[], scale: Scale, color: string): string {
  const runs: number[][] = [[]];
  values.forEach((v, i) => {
    if (Number.isFinite(v)) runs[runs.length - 1].push(i);
    else if (runs[runs.length - 1].length > 0) runs.push([]);
  });

  const point = (i: number, v: number) => `${scale.x(i).toFixed(1)},${scale.y(v).toFixed(1)}`;
  return runs
    .filter((run) => run.length > 0)
    .map((run) => {
      const line = run.map((i) => point(i, values[i])).join(' ');
      const base = [...run]
        .reverse()
        .map((i) => point(i, Number.isFinite(below[i]) ? below[i] : 0));
      return [
        `<polygon points="${line} ${base.join(' ')}" fill="${color}" fill-opacity="0.12"/>`,
        `<polyline points="${line}" fill="none" stroke="${color}" stroke-width="1.5"/>`,
      ].join('\n');
    })
    .join('\n');
}

function bars(values: number[], below: number[], scale: Scale, slot: number, color: string) {
  const width = Math.max(1, slot * 0.6);
  return values
    .map((v, i) => {
      const base = Number.isFinite(below[i]) ? below[i] : 0;
      if (!Number.isFinite(v) || v <= base) return '';
      const [x, y] = [scale.x(i) - width / 2, scale.y(v)];
      const height = scale.y(base) - y;
      return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${width.toFixed(1)}" height="${height.toFixed(1)}" fill="${color}" fill-opacity="0.8"/>`;
    })
    .join('');
}

function legend(lines: PanelLine[], box: Box): string {
  const columns = legendColumns(box.w);
  const width = box.w / columns;

  return lines
    .map((line, n) => {
      const x = box.x + (n % columns) * width;
      const y = box.y + Math.floor(n / columns) * LEGEND_ROW;
      const color = PALETTE[n % PALETTE.length];
      return `<rect x="${x}" y="${y - 8}" width="10" height="3" fill="${color}"/>${text(x + 14, y, line.name, { size: 10, fill: TEXT })}`;
    })
    .join('\n');
}

function legendColumns(width: number): number {
  return Math.max(1, Math.floor(width / 150));
}

function centered(box: Box, message: string, fill: string): string {
  return text(box.x + box.w / 2, box.y + box.h / 2, message, { size: 12, fill, anchor: 'middle' });
}

interface TextStyle {
  size: number;
  weight?: number;
  fill?: string;
  anchor?: 'start' | 'middle' | 'end';
}

function text(x: number, y: number, content: string, style: TextStyle): string {
  const weight = style.weight ? ` font-weight="${style.weight}"` : '';
  const anchor = style.anchor ? ` text-anchor="${style.anchor}"` : '';
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${style.size}"${weight}${anchor} fill="${style.fill ?? TEXT}">${escapeXml(content)}</text>`;
}
