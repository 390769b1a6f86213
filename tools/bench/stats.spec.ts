import { minMax, percentile, summarizeWaits } from './stats';

describe('percentile (nearest rank)', () => {
  const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('picks the value at the rank, rounding the rank up', () => {
    expect(percentile(sorted, 0.5)).toBe(5);
    expect(percentile(sorted, 0.51)).toBe(6);
    expect(percentile(sorted, 0.99)).toBe(10);
    expect(percentile(sorted, 1)).toBe(10);
  });

  it('gives the smallest value for a tiny quantile, the only value of one, NaN of none', () => {
    expect(percentile(sorted, 0.001)).toBe(1);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe('summarizeWaits', () => {
  it('sorts numerically, not as text', () => {
    const summary = summarizeWaits([10, 9, 100, 2, 1]);
    expect(summary).toEqual({ p50: 9, p99: 100, max: 100 });
  });

  it('counts a longer unfinished wait in the maximum only', () => {
    expect(summarizeWaits([1, 2, 3], 5_000)).toEqual({ p50: 2, p99: 3, max: 5_000 });
    expect(summarizeWaits([1, 2, 3], 0.5).max).toBe(3);
  });

  it('has no percentiles without completed waits, but still the unfinished maximum', () => {
    const summary = summarizeWaits([], 4_000);
    expect(summary.p50).toBeNaN();
    expect(summary.max).toBe(4_000);
  });
});

describe('minMax', () => {
  it('gives both ends, or NaN for nothing', () => {
    expect(minMax([3, 0, 9])).toEqual({ min: 0, max: 9 });
    expect(minMax([])).toEqual({ min: NaN, max: NaN });
  });
});
