import { callsBetween, parseCommandStats, parseInfo } from './redis-stats';

const COMMANDSTATS = [
  '# Commandstats',
  'cmdstat_get:calls=12,usec=30,usec_per_call=2.50,rejected_calls=0,failed_calls=0',
  'cmdstat_evalsha:calls=4,usec=200,usec_per_call=50.00,rejected_calls=1,failed_calls=0',
  'cmdstat_config|resetstat:calls=1,usec=37,usec_per_call=37.00,rejected_calls=0,failed_calls=0',
  '',
].join('\r\n');

describe('parseInfo', () => {
  it('reads field:value lines and skips headings and blank lines', () => {
    const fields = parseInfo('# Server\r\nredis_version:7.0.15\r\nos:Linux 6.1 x86_64\r\n\r\n');
    expect([...fields]).toEqual([
      ['redis_version', '7.0.15'],
      ['os', 'Linux 6.1 x86_64'],
    ]);
  });
});

describe('parseCommandStats', () => {
  it('takes the calls of every command, subcommands included, not the rejected calls', () => {
    expect([...parseCommandStats(COMMANDSTATS)]).toEqual([
      ['get', 12],
      ['evalsha', 4],
      ['config|resetstat', 1],
    ]);
  });
});

describe('callsBetween', () => {
  it('gives what ran between two snapshots, new commands too, and leaves out the ignored', () => {
    const before = new Map([
      ['get', 10],
      ['info', 3],
      ['set', 5],
    ]);
    const after = new Map([
      ['get', 14],
      ['info', 5],
      ['set', 5],
      ['publish', 2],
    ]);
    expect([...callsBetween(before, after, ['info'])]).toEqual([
      ['get', 4],
      ['publish', 2],
    ]);
  });
});
