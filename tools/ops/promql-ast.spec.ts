import { parseDuration, parseQuery, UnsupportedQueryError } from './promql-ast';

describe('parseQuery', () => {
  it('parses an aggregation over a rate of a selector with matchers', () => {
    expect(parseQuery('sum by (result) (rate(a_total{lock=~"m.*", x!="y"}[30s]))')).toEqual({
      type: 'aggregate',
      op: 'sum',
      without: false,
      labels: ['result'],
      expr: {
        type: 'call',
        fn: 'rate',
        args: [
          {
            type: 'selector',
            name: 'a_total',
            matchers: [
              { label: 'lock', op: '=~', value: 'm.*' },
              { label: 'x', op: '!=', value: 'y' },
            ],
            rangeSeconds: 30,
          },
        ],
      },
    });
  });

  it('accepts the grouping after the parenthesis, and without', () => {
    expect(parseQuery('max(g) without (instance)')).toMatchObject({
      op: 'max',
      without: true,
      labels: ['instance'],
      expr: { type: 'selector', name: 'g', matchers: [] },
    });
  });

  it('parses histogram_quantile with its number argument', () => {
    const expr = parseQuery('histogram_quantile(0.99, sum by (le) (rate(h_bucket[1m])))');

    expect(expr).toMatchObject({ type: 'call', fn: 'histogram_quantile' });
    expect(expr.type === 'call' && expr.args[0]).toEqual({ type: 'number', value: 0.99 });
  });

  it.each([
    ['a / b', /unexpected "\/"/],
    ['abs(a)', /function abs/],
    ['rate(a[5m:1m])', /subquery/],
    ['sum(a', /unclosed/],
    ['topk(3, a)', /function topk/],
  ])('refuses %s', (query, message) => {
    expect(() => parseQuery(query)).toThrow(UnsupportedQueryError);
    expect(() => parseQuery(query)).toThrow(message);
  });
});

describe('parseDuration', () => {
  it('adds up the units', () => {
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('250ms')).toBe(0.25);
    expect(() => parseDuration('5x')).toThrow(UnsupportedQueryError);
  });
});
