import { sumLockMetrics } from './lock-metrics';

describe('sumLockMetrics', () => {
  it('sums acquire results and lost reasons over several scrapes', () => {
    const a = [
      '# HELP memory_lock_acquire_total Acquisitions by result',
      '# TYPE memory_lock_acquire_total counter',
      'memory_lock_acquire_total{lock="memory",result="acquired"} 10',
      'memory_lock_acquire_total{lock="memory",result="timeout"} 2',
      'memory_lock_acquire_total{result="acquired",lock="health"} 3',
      'memory_lock_lost_total{lock="memory",reason="expired"} 0',
    ].join('\n');
    const b = 'memory_lock_acquire_total{lock="memory",result="acquired"} 5\n';

    const metrics = sumLockMetrics([a, b]);

    expect(metrics.acquire).toEqual(
      new Map([
        ['acquired', 18],
        ['timeout', 2],
      ]),
    );
    expect(metrics.lost).toEqual(new Map([['expired', 0]]));
  });
});
