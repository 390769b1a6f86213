import { parseQuery } from './promql-ast';
import { evaluate, Series } from './promql-eval';

const series = (labels: Record<string, string>, values: number[], stepMs = 1000): Series => ({
  labels,
  points: values.map((v, i) => ({ t: i * stepMs, v })),
});

const run = (query: string, data: Series[], t: number) =>
  evaluate(parseQuery(query), data, t).sort((a, b) => a.value - b.value);

describe('evaluate', () => {
  it('takes the latest point of each matching series, regex matching a missing label as ""', () => {
    const data = [
      series({ __name__: 'g', lock: 'memory', instance: 'a' }, [1, 2, 3]),
      series({ __name__: 'g', lock: 'index' }, [7, 8, 9]),
      series({ __name__: 'other', lock: 'memory' }, [5, 5, 5]),
    ];

    expect(run('g{instance=~".*", lock!="index"}', data, 1500)).toEqual([
      { labels: { __name__: 'g', lock: 'memory', instance: 'a' }, value: 2 },
    ]);
    expect(run('g{instance=~".*"}', data, 2000).map((e) => e.value)).toEqual([3, 9]);
  });

  it('computes rate and increase inside the range, across a counter restart', () => {
    const data = [series({ __name__: 'c_total', job: 'j' }, [0, 10, 20, 5, 15])];

    // 10 + 10 + 5 (restart, counted from zero) + 10 = 35 over 4 s.
    expect(run('rate(c_total[10s])', data, 4000)).toEqual([{ labels: { job: 'j' }, value: 8.75 }]);
    expect(run('increase(c_total[10s])', data, 4000)[0].value).toBe(87.5);
    // Only the points after t - 2s count: 5 then 15.
    expect(run('rate(c_total[2s])', data, 4000)[0].value).toBe(10);
  });

  it('sums by the given labels and drops the rest', () => {
    const data = [
      series({ __name__: 'w', lock: 'memory', instance: 'a' }, [15]),
      series({ __name__: 'w', lock: 'memory', instance: 'b' }, [10]),
      series({ __name__: 'w', lock: 'index', instance: 'a' }, [4]),
    ];

    expect(run('sum by (lock) (w)', data, 0)).toEqual([
      { labels: { lock: 'index' }, value: 4 },
      { labels: { lock: 'memory' }, value: 25 },
    ]);
    expect(run('sum(w)', data, 0)).toEqual([{ labels: {}, value: 29 }]);
    expect(run('min without (instance) (w)', data, 0)[1]).toEqual({
      labels: { lock: 'memory' },
      value: 10,
    });
  });

  it('estimates quantiles the way Prometheus does', () => {
    const bucket = (le: string, perSecond: number) =>
      series({ __name__: 'h_bucket', lock: 'memory', le }, [0, perSecond, 2 * perSecond]);
    const data = [bucket('0.5', 0), bucket('1', 0), bucket('2', 60), bucket('+Inf', 60)];

    const p99 = run('histogram_quantile(0.99, sum by (le, lock) (rate(h_bucket[5s])))', data, 2000);

    expect(p99).toHaveLength(1);
    expect(p99[0].labels).toEqual({ lock: 'memory' });
    expect(p99[0].value).toBeCloseTo(1.99, 10);
  });

  it('answers the highest finite bound when the rank falls in +Inf, and nothing without data', () => {
    const data = [
      series({ __name__: 'h_bucket', le: '1' }, [0, 0]),
      series({ __name__: 'h_bucket', le: '+Inf' }, [0, 10]),
    ];

    expect(run('histogram_quantile(0.5, rate(h_bucket[5s]))', data, 1000)[0].value).toBe(1);
    expect(run('histogram_quantile(0.5, rate(h_bucket[5s]))', data, 0)).toEqual([]);
  });
});
