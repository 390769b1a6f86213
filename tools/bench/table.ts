export type Align = 'left' | 'right';

/** A Markdown table whose columns are padded to line up in a terminal as well. */
export function renderTable(header: string[], rows: string[][], align: Align[] = []): string {
  const widths = header.map((title, column) =>
    Math.max(3, title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const pad = (text: string, column: number) =>
    align[column] === 'right' ? text.padStart(widths[column]) : text.padEnd(widths[column]);
  const line = (cells: string[]) =>
    `| ${widths.map((_, column) => pad(cells[column] ?? '', column)).join(' | ')} |`;
  const rule = widths.map((width, column) =>
    align[column] === 'right' ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width),
  );
  return [line(header), `| ${rule.join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** A figure with a precision that fits its size: 4,212 · 38.4 · 0.57; `–` when not a number. */
export function formatFigure(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 || Number.isInteger(value) ? 0 : magnitude >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** `value / base` as `1.52×`; `–` when the ratio means nothing (a zero or missing base). */
export function formatRatio(value: number, base: number): string {
  const ratio = value / base;
  if (!Number.isFinite(ratio) || !Number.isFinite(value)) return '–';
  return `${ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}×`;
}

/** A figure with its ratio to the baseline: `4,212 (1.52×)`. */
export function withRatio(value: number, base: number): string {
  return `${formatFigure(value)} (${formatRatio(value, base)})`;
}

/** A fraction as a percentage: 0.934 → `93%`. */
export function formatPercent(fraction: number): string {
  return Number.isFinite(fraction) ? `${Math.round(fraction * 100)}%` : '–';
}
