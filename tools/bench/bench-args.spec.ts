import { BENCH_DEFAULTS, parseBenchArgs, UsageError } from './bench-args';

describe('parseBenchArgs', () => {
  it('fills in the defaults', () => {
    expect(parseBenchArgs([])).toEqual(BENCH_DEFAULTS);
    expect(BENCH_DEFAULTS).toEqual({
      seconds: 5,
      workers: 16,
      workMs: 0.2,
      warmupSeconds: 0.5,
      processes: 1,
    });
  });

  it('reads every flag, in both spellings', () => {
    expect(
      parseBenchArgs([
        '--seconds=2.5',
        '--workers',
        '8',
        '--work-ms',
        '0',
        '--warmup-s',
        '0',
        '--processes=4',
      ]),
    ).toEqual({ seconds: 2.5, workers: 8, workMs: 0, warmupSeconds: 0, processes: 4 });
  });

  it('answers help', () => {
    expect(parseBenchArgs(['--help'])).toBe('help');
  });

  it.each([
    [['--seconds', '0'], /--seconds must be a number from 0.1/],
    [['--seconds', 'five'], /--seconds must be a number/],
    [['--workers', '2.5'], /--workers must be a whole number/],
    [['--work-ms', ''], /--work-ms must be a number/],
    [['--workers', '4', '--processes', '5'], /--processes must be a number from 1 to 4/],
    [['--threads', '2'], /Unknown option '--threads'/],
    [['extra'], /positional argument/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(UsageError);
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});
