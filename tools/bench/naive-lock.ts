import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { BenchLock } from './contention';

/** Deletes the key only while it still holds the caller's token. */
const COMPARE_AND_DELETE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/** Longest random pause between two attempts, in ms. */
const MAX_RETRY_PAUSE_MS = 5;
const LEASE_MS = 30_000;

/**
 * The baseline: the lock most code writes first. `SET key token NX PX`, and when that fails a
 * random pause of 0–5 ms and another try; release is a compare-and-delete script. No queue, no
 * notices, no renewal.
 */
export class NaiveLock implements BenchLock {
  private constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly releaseSha: string,
  ) {}

  /** A lock on `key` with its own connection, its release script already loaded. */
  static async connect(url: string, key: string): Promise<NaiveLock> {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    const sha = (await redis.script('LOAD', COMPARE_AND_DELETE)) as string;
    return new NaiveLock(redis, key, sha);
  }

  async withLock(critical: () => void, signal: AbortSignal): Promise<void> {
    const token = randomBytes(16).toString('hex');
    for (;;) {
      signal.throwIfAborted();
      if ((await this.redis.set(this.key, token, 'PX', LEASE_MS, 'NX')) === 'OK') break;
      await pause(Math.random() * MAX_RETRY_PAUSE_MS, signal);
    }
    try {
      // Like the library: a grant that arrives after the run ended is given back, not used.
      signal.throwIfAborted();
      critical();
    } finally {
      await this.redis.evalsha(this.releaseSha, 1, this.key, token);
    }
  }

  close(): void {
    this.redis.disconnect();
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
