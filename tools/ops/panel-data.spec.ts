import * as fs from 'fs';
import * as path from 'path';

import { legendName, panelData, substituteVariables } from './panel-data';
import { parseQuery } from './promql-ast';
import { Series } from './promql-eval';
import { exprsFromDashboard } from './query-sources';

const DASHBOARD = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../deploy/grafana/memory-lock-dashboard.json'), 'utf8'),
);
const VARIABLES = { lock: '.*', instance: '.*', __rate_interval: '10s' };

describe('substituteVariables', () => {
  it('replaces every spelling of a variable and leaves unknown ones', () => {
    expect(
      substituteVariables(
        'a{x=~"$lock", y=~"${instance:regex}"}[$__rate_interval] [[lock]] $nope',
        VARIABLES,
      ),
    ).toBe('a{x=~".*", y=~".*"}[10s] .* $nope');
  });
});

describe('legendName', () => {
  it('fills the format from the labels, or names the series by its labels', () => {
    expect(legendName('p99 {{lock}} {{ missing }}', { lock: 'memory' })).toBe('p99 memory ');
    expect(legendName(undefined, { b: '2', a: '1' })).toBe('{a="1",b="2"}');
    expect(legendName('__auto', {})).toBe('value');
  });
});

describe('the shipped dashboard', () => {
  it('has only panel queries that the preview can evaluate', () => {
    const panelQueries = exprsFromDashboard(DASHBOARD).filter((q) => q.where.startsWith('panel'));

    expect(panelQueries.length).toBeGreaterThan(10);
    for (const query of panelQueries) {
      expect(() => parseQuery(substituteVariables(query.expr, VARIABLES))).not.toThrow();
    }
  });
});

describe('panelData', () => {
  const counter = (result: string, perScrape: number): Series => ({
    labels: { __name__: 'memory_lock_acquire_total', lock: 'memory', result, instance: 'a' },
    points: [0, 1, 2, 3].map((i) => ({ t: i * 2000, v: i * perScrape })),
  });
  const times = [0, 2000, 4000, 6000];

  it('draws one line per legend name, from the second scrape on for rates', () => {
    const panel = DASHBOARD.panels.find(
      (p: { title: string }) => p.title === 'Acquire rate by result',
    );

    const [data] = panelData(
      [panel],
      [counter('acquired', 10), counter('timeout', 2)],
      times,
      VARIABLES,
    );

    expect(data.title).toBe('Acquire rate by result');
    expect(data.stacked).toBe(true);
    expect(data.lines.map((l) => l.name)).toEqual(['acquired', 'timeout']);
    expect(data.lines[0].points).toEqual([
      { t: 2000, v: 5 },
      { t: 4000, v: 5 },
      { t: 6000, v: 5 },
    ]);
  });

  it('keeps rows and reports a query it cannot draw instead of throwing', () => {
    const panels = [
      { type: 'row', title: 'Locks', panels: [] },
      { title: 'Ratio', targets: [{ expr: 'a / b' }] },
    ];

    const [row, ratio] = panelData(panels, [], times, VARIABLES);

    expect(row).toMatchObject({ type: 'row', title: 'Locks', lines: [] });
    expect(ratio.problem).toMatch(/not supported by the preview/);
  });
});
