import { parseCliArgs, UsageError } from './cli-args';

describe('parseCliArgs', () => {
  it('fills in the defaults, with a seed from the clock', () => {
    expect(parseCliArgs([], 1234)).toEqual({
      clients: 24,
      instances: 5,
      durationS: 20,
      seed: 1234,
    });
  });

  it('reads every flag', () => {
    const options = parseCliArgs([
      '--clients=8',
      '--instances',
      '2',
      '--duration-s',
      '2.5',
      '--ops',
      '500',
      '--seed',
      '7',
      '--redis-url',
      'redis://127.0.0.1:6400',
      '--lock-wait-timeout-ms',
      '0',
    ]);

    expect(options).toEqual({
      clients: 8,
      instances: 2,
      durationS: 2.5,
      maxOps: 500,
      seed: 7,
      redisUrl: 'redis://127.0.0.1:6400',
      lockWaitTimeoutMs: 0,
    });
  });

  it('rejects bad values with a message that names the flag', () => {
    expect(() => parseCliArgs(['--clients', '0'])).toThrow(UsageError);
    expect(() => parseCliArgs(['--duration-s=0'])).toThrow(
      '--duration-s must be a positive number',
    );
    expect(() => parseCliArgs(['--redis-url', 'http://x'])).toThrow('redis:// or rediss://');
    expect(() => parseCliArgs(['--nope'])).toThrow(UsageError);
  });

  it('answers help', () => {
    expect(parseCliArgs(['--help'])).toBe('help');
  });
});
