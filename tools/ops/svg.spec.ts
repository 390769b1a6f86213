import { PanelData } from './panel-data';
import { renderDashboardSvg } from './svg-dashboard';
import { escapeXml, formatValue, niceCeiling } from './svg-format';

describe('formatValue', () => {
  it.each([
    [0.0042, 's', '4.2 ms'],
    [0.0000123, 's', '12.3 µs'],
    [2.5, 's', '2.5 s'],
    [0, 's', '0 s'],
    [12345, 'short', '12.3k'],
    [0.125, 'reqps', '0.13 req/s'],
    [3, 'ops', '3 ops/s'],
  ])('%s in %s is %s', (value, unit, shown) => {
    expect(formatValue(value, unit)).toBe(shown);
  });
});

describe('niceCeiling', () => {
  it('rounds up to 1, 2, 2.5 or 5 of a power of ten', () => {
    expect([0, 0.7, 1, 3, 21, 47, 999].map(niceCeiling)).toEqual([1, 1, 1, 5, 25, 50, 1000]);
  });
});

describe('renderDashboardSvg', () => {
  const panel = (over: Partial<PanelData>): PanelData => ({
    type: 'timeseries',
    title: 'Waits <p99>',
    gridPos: { x: 0, y: 0, w: 12, h: 8 },
    unit: 's',
    bars: false,
    stacked: false,
    mappings: {},
    lines: [
      {
        name: 'p99 memory',
        points: [
          { t: 0, v: 0.1 },
          { t: 2000, v: 0.3 },
        ],
      },
    ],
    ...over,
  });

  it('draws titles, lines, stats and empty panels in one well-formed document', () => {
    const svg = renderDashboardSvg(
      { title: 'memory-lock', notes: ['Data: test & more'] },
      [
        panel({}),
        panel({
          type: 'stat',
          title: 'Backend up',
          gridPos: { x: 12, y: 0, w: 6, h: 8 },
          mappings: { '0': { text: 'DOWN', color: 'red' } },
          lines: [{ name: 'a redis', points: [{ t: 2000, v: 0 }] }],
        }),
        panel({ title: 'Empty', gridPos: { x: 18, y: 0, w: 6, h: 8 }, lines: [] }),
      ],
      [0, 2000],
    );

    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('Waits &lt;p99&gt;');
    expect(svg).toContain('Data: test &amp; more');
    expect(svg).toContain('<polyline');
    expect(svg).toContain('>DOWN</text>');
    expect(svg).toContain('fill="#f2495c"');
    expect(svg).toContain('>No data</text>');
    expect(svg.match(/<svg/g)).toHaveLength(1);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });

  it('escapes the characters XML reserves', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
  });
});
