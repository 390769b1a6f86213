import { PanelData } from './panel-data';
import { escapeXml } from './svg-format';
import { drawPanel } from './svg-panels';

/** What goes above the panels. */
export interface PreviewHeading {
  title: string;
  /** Where the data came from and which variable values were used. */
  notes: string[];
}

const WIDTH = 1400;
const MARGIN = 16;
const GAP = 8;
const GRID_UNIT_HEIGHT = 30;

/**
 * Lays the panels out on Grafana's grid (24 columns; a height unit of 30 px) and draws them as
 * one SVG document.
 */
export function renderDashboardSvg(
  heading: PreviewHeading,
  panels: PanelData[],
  times: number[],
): string {
  const top = MARGIN + 30 + heading.notes.length * 16 + 8;
  const column = (WIDTH - 2 * MARGIN) / 24;
  const bottom = Math.max(0, ...panels.map((p) => p.gridPos.y + p.gridPos.h));
  const height = top + bottom * GRID_UNIT_HEIGHT + MARGIN;

  const drawn = panels.map((panel) => {
    const { x, y, w, h } = panel.gridPos;
    const box = {
      x: MARGIN + x * column + GAP / 2,
      y: top + y * GRID_UNIT_HEIGHT + GAP / 2,
      w: w * column - GAP,
      h: h * GRID_UNIT_HEIGHT - GAP,
    };
    return drawPanel(panel, box, times);
  });

  const notes = heading.notes.map(
    (note, i) =>
      `<text x="${MARGIN}" y="${MARGIN + 42 + i * 16}" font-size="12" fill="#8e8e9e">${escapeXml(note)}</text>`,
  );

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Inter, Helvetica, Arial, sans-serif">`,
    `<rect width="100%" height="100%" fill="#111217"/>`,
    `<text x="${MARGIN}" y="${MARGIN + 18}" font-size="20" font-weight="600" fill="#ccccdc">${escapeXml(heading.title)}</text>`,
    ...notes,
    ...drawn,
    '</svg>',
    '',
  ].join('\n');
}
