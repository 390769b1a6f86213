/** Grafana's classic palette, in its order. */
export const PALETTE = [
  '#73bf69',
  '#f2cc0c',
  '#8ab8ff',
  '#ff780a',
  '#f2495c',
  '#5794f2',
  '#b877d9',
  '#705da0',
  '#37872d',
  '#fade2a',
];

const NAMED_COLORS: Record<string, string> = {
  green: '#73bf69',
  red: '#f2495c',
  yellow: '#fade2a',
  orange: '#ff9830',
  blue: '#5794f2',
};

/** A Grafana color name or a CSS color, as a CSS color. */
export function cssColor(color: string): string {
  return NAMED_COLORS[color] ?? color;
}

/** Escapes text for an SVG text node or attribute. */
export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string,
  );
}

/** A value in a Grafana unit, short: `12 ms`, `3.4 req/s`, `1.2k`. */
export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return String(value);

  if (unit === 's') {
    if (value === 0) return '0 s';
    if (Math.abs(value) < 0.001) return `${round(value * 1e6)} µs`;
    if (Math.abs(value) < 1) return `${round(value * 1000)} ms`;
    return `${round(value)} s`;
  }

  const suffix = unit === 'reqps' ? ' req/s' : unit === 'ops' ? ' ops/s' : '';
  return `${short(value)}${suffix}`;
}

/** A round number at or above `value`, for the top of an axis. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= value) as number;
  return step * magnitude;
}

function short(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${round(value / 1e6)}M`;
  if (abs >= 1e3) return `${round(value / 1e3)}k`;
  return round(value);
}

function round(value: number): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return String(Number(value.toFixed(digits)));
}
