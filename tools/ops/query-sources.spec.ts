import * as fs from 'fs';
import * as path from 'path';

import { exprsFromDashboard, exprsFromRulesFile } from './query-sources';

describe('exprsFromRulesFile', () => {
  it('reads block, folded, quoted and plain expressions with their rule names', () => {
    const text = [
      'groups:',
      '  - name: g',
      '    rules:',
      '      - alert: Block',
      '        expr: |',
      '          sum(a_total)',
      '',
      '            > 1',
      '        for: 5m',
      '      - alert: "Folded"',
      '        expr: >-',
      '          b > 2',
      '      - record: job:c:rate5m',
      "        expr: 'rate(c_total{x=''y''}[5m])'",
      '      - alert: Plain',
      '        expr: d == 0 # trailing comment',
      '      - expr: "e{a=\\"b\\"}"',
      '        alert: KeyOrderSwapped',
    ].join('\n');

    expect(exprsFromRulesFile(text)).toEqual([
      { where: 'Block', expr: '          sum(a_total)\n\n            > 1' },
      { where: 'Folded', expr: '          b > 2' },
      { where: 'job:c:rate5m', expr: "rate(c_total{x='y'}[5m])" },
      { where: 'Plain', expr: 'd == 0' },
      { where: 'Plain', expr: 'e{a="b"}' },
    ]);
  });

  it('finds one expression per rule in the shipped alerts', () => {
    const file = path.join(__dirname, '../../deploy/prometheus/alerts.yml');
    const text = fs.readFileSync(file, 'utf8');

    const exprs = exprsFromRulesFile(text);

    expect(exprs).toHaveLength((text.match(/^\s*- alert:/gm) ?? []).length);
    expect(exprs.every((e) => e.expr.trim().length > 0)).toBe(true);
  });
});

describe('exprsFromDashboard', () => {
  it('reads targets of panels, of panels nested in rows, and query variables', () => {
    const dashboard = {
      panels: [
        { title: 'A', targets: [{ expr: 'a' }, { expr: '' }, {}] },
        { title: 'Row', type: 'row', panels: [{ title: 'B', targets: [{ expr: 'b' }] }] },
        { title: 'Text' },
      ],
      templating: {
        list: [
          { name: 'datasource', type: 'datasource', query: 'prometheus' },
          { name: 'lock', type: 'query', query: { query: 'label_values(l_total, lock)' } },
          { name: 'old', type: 'query', query: 'label_values(o_total, x)' },
        ],
      },
    };

    expect(exprsFromDashboard(dashboard)).toEqual([
      { where: 'panel "A"', expr: 'a' },
      { where: 'panel "B"', expr: 'b' },
      { where: 'variable $lock', expr: 'label_values(l_total, lock)' },
      { where: 'variable $old', expr: 'label_values(o_total, x)' },
    ]);
  });
});
