import Redis from 'ioredis';

/** The `field:value` lines of an `INFO` answer. */
export function parseInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}

/** Calls per command from `INFO commandstats` (`cmdstat_get:calls=3,usec=…` → get: 3). */
export function parseCommandStats(text: string): Map<string, number> {
  const calls = new Map<string, number>();
  for (const [field, value] of parseInfo(text)) {
    if (!field.startsWith('cmdstat_')) continue;
    const match = /(?:^|,)calls=(\d+)/.exec(value);
    if (match) calls.set(field.slice('cmdstat_'.length), Number(match[1]));
  }
  return calls;
}

/** Calls per command between two snapshots, leaving out commands that did not run. */
export function callsBetween(
  before: Map<string, number>,
  after: Map<string, number>,
  ignore: string[] = [],
): Map<string, number> {
  const delta = new Map<string, number>();
  for (const [command, calls] of after) {
    if (ignore.includes(command)) continue;
    const ran = calls - (before.get(command) ?? 0);
    if (ran > 0) delta.set(command, ran);
  }
  return delta;
}

export interface RedisSnapshot {
  calls: Map<string, number>;
  /** CPU seconds the server has used, user and system. */
  cpuSeconds: number;
}

/** A connection of the bench's own that reads the server's counters. */
export class RedisStats {
  private constructor(private readonly redis: Redis) {}

  static async connect(url: string): Promise<RedisStats> {
    const redis = new Redis(url, { lazyConnect: true });
    await redis.connect();
    return new RedisStats(redis);
  }

  async version(): Promise<string> {
    return parseInfo(await this.redis.info('server')).get('redis_version') ?? 'unknown';
  }

  async snapshot(): Promise<RedisSnapshot> {
    const [commandStats, cpu] = await Promise.all([
      this.redis.info('commandstats'),
      this.redis.info('cpu'),
    ]);
    const fields = parseInfo(cpu);
    return {
      calls: parseCommandStats(commandStats),
      cpuSeconds: Number(fields.get('used_cpu_user')) + Number(fields.get('used_cpu_sys')),
    };
  }

  close(): void {
    this.redis.disconnect();
  }
}
