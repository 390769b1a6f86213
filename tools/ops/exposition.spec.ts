import { declaredSeriesNames, parseExposition, sampledSeriesNames } from './exposition';

const SCRAPE = `# HELP memory_lock_wait_seconds Time waited to acquire.
# TYPE memory_lock_wait_seconds histogram
memory_lock_wait_seconds_bucket{le="0.5",lock="memory"} 3
memory_lock_wait_seconds_bucket{le="+Inf",lock="memory"} 4
memory_lock_wait_seconds_sum{lock="memory"} 2.25
memory_lock_wait_seconds_count{lock="memory"} 4
# HELP memory_lock_lost_total Locks lost while held.
# TYPE memory_lock_lost_total counter
# TYPE memory_lock_backend_up gauge
memory_lock_backend_up{backend="redis"} 1 1700000000000
# TYPE odd gauge
odd{path="C:\\\\dir",quote="say \\"hi\\"",nl="a\\nb"} NaN
not a sample line
`;

describe('parseExposition', () => {
  it('reads samples with labels, values and timestamps', () => {
    const { samples } = parseExposition(SCRAPE);

    expect(samples).toHaveLength(6);
    expect(samples[1]).toEqual({
      name: 'memory_lock_wait_seconds_bucket',
      labels: { le: '+Inf', lock: 'memory' },
      value: 4,
    });
    expect(samples[4]).toEqual({
      name: 'memory_lock_backend_up',
      labels: { backend: 'redis' },
      value: 1,
    });
  });

  it('resolves escapes in label values and reads NaN', () => {
    const odd = parseExposition(SCRAPE).samples[5];

    expect(odd.labels).toEqual({ path: 'C:\\dir', quote: 'say "hi"', nl: 'a\nb' });
    expect(odd.value).toBeNaN();
  });

  it('reads OpenMetrics: exemplars after the value and the # EOF line', () => {
    const text = [
      '# TYPE req counter',
      'req_total{code="200"} 7 # {trace_id="abc"} 1 1700000000.1',
      '# EOF',
    ].join('\n');

    const exposition = parseExposition(text);

    expect(exposition.samples).toEqual([{ name: 'req_total', labels: { code: '200' }, value: 7 }]);
    expect(declaredSeriesNames(exposition.types)).toEqual(
      new Set(['req', 'req_total', 'req_created']),
    );
  });
});

describe('series names', () => {
  it('separates the names with samples from those only declared', () => {
    const exposition = parseExposition(SCRAPE);

    expect(sampledSeriesNames(exposition)).toEqual(
      new Set([
        'memory_lock_wait_seconds_bucket',
        'memory_lock_wait_seconds_sum',
        'memory_lock_wait_seconds_count',
        'memory_lock_backend_up',
        'odd',
      ]),
    );
    const declared = declaredSeriesNames(exposition.types);
    expect(declared.has('memory_lock_lost_total')).toBe(true);
    expect(declared.has('memory_lock_wait_seconds_bucket')).toBe(true);
    expect(declared.has('memory_lock_wait_seconds')).toBe(false);
  });

  it('expands summaries to the base name, _sum and _count', () => {
    const types = new Map([['latency', 'summary']]);

    expect(declaredSeriesNames(types)).toEqual(
      new Set(['latency', 'latency_sum', 'latency_count', 'latency_created']),
    );
  });
});
