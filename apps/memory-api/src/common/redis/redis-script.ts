import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Redis } from 'ioredis';

/**
 * A Lua script read once per process from its `.lua` file and run by its SHA1. A server that does
 * not know the script yet (first call, restart, SCRIPT FLUSH) answers NOSCRIPT; the script is
 * then sent in full once, which also puts it into the server's cache.
 */
export class RedisScript {
  private static readonly loaded = new Map<string, RedisScript>();

  private readonly sha: string;

  private constructor(
    readonly name: string,
    private readonly source: string,
  ) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** The script in the file at `path`, read on the first call for that path. */
  static load(path: string): RedisScript {
    let script = RedisScript.loaded.get(path);
    if (!script) {
      script = new RedisScript(basename(path, '.lua'), readFileSync(path, 'utf8'));
      RedisScript.loaded.set(path, script);
    }
    return script;
  }

  async run(client: Redis, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}
