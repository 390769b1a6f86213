import { extractMetricNames } from './promql-names';

describe('extractMetricNames', () => {
  it('finds the series inside functions and aggregations, not the functions', () => {
    const expr = 'sum by (job, lock) (rate(memory_lock_acquire_total{result="timeout"}[5m])) > 0.1';

    expect(extractMetricNames(expr)).toEqual(['memory_lock_acquire_total']);
  });

  it('keeps histogram series names exactly as written', () => {
    const expr = `histogram_quantile(0.99,
      sum by (job, lock, le) (rate(memory_lock_wait_seconds_bucket[5m]))) > 1`;

    expect(extractMetricNames(expr)).toEqual(['memory_lock_wait_seconds_bucket']);
  });

  it('skips label names in by, without, on, ignoring and group clauses', () => {
    const expr =
      'sum(rate(a_total[1m])) without (instance) / on (job) group_left (version) b_info' +
      ' unless ignoring (le) c';

    expect(extractMetricNames(expr)).toEqual(['a_total', 'b_info', 'c']);
  });

  it('accepts an aggregation clause after the parenthesis and in upper case', () => {
    expect(extractMetricNames('SUM(x_total) BY (lock)')).toEqual(['x_total']);
  });

  it('skips label matchers, strings, numbers, durations, offsets and keywords', () => {
    const expr =
      'count_values("status", up{job="memory-api"} offset 1h30m) > bool 1e3 and inf_like ' +
      'or x{le=~"0.5|+Inf", route!="a b"}[5m:30s]';

    expect(extractMetricNames(expr)).toEqual(['up', 'inf_like', 'x']);
  });

  it('reads names given as __name__ matchers', () => {
    expect(extractMetricNames('rate({__name__="memory_api_flushes_total", job="a"}[1m])')).toEqual([
      'memory_api_flushes_total',
    ]);
  });

  it('ignores Grafana template variables wherever they stand', () => {
    const expr =
      'sum by (result) (rate(memory_lock_acquire_total{lock=~"$lock", instance=~"${instance:regex}"}' +
      '[$__rate_interval])) * $factor + [[scale]]';

    expect(extractMetricNames(expr)).toEqual(['memory_lock_acquire_total']);
  });

  it('reads the metric of label_values(metric, label) and nothing of label_values(label)', () => {
    expect(extractMetricNames('label_values(memory_lock_acquire_total, lock)')).toEqual([
      'memory_lock_acquire_total',
    ]);
    expect(extractMetricNames('label_values(m_total{a="b,c"}, instance)')).toEqual(['m_total']);
    expect(extractMetricNames('label_values(instance)')).toEqual([]);
  });

  it('lists each name once, in order of first use, and drops comments', () => {
    const expr = 'b / a # a note about c\n + b';

    expect(extractMetricNames(expr)).toEqual(['b', 'a']);
  });

  it('keeps names with colons, as recording rules use them', () => {
    expect(extractMetricNames('job:memory_lock_wait_seconds:p99 > 1')).toEqual([
      'job:memory_lock_wait_seconds:p99',
    ]);
  });
});
