import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cluster, Redis } from 'ioredis';

const SCRIPTS_DIR = join(__dirname, 'scripts');
const PRELUDE = readFileSync(join(SCRIPTS_DIR, 'queue.lua'), 'utf8');

/**
 * A Lua script from `scripts/`, called by SHA. When Redis has forgotten it (restart, failover,
 * SCRIPT FLUSH) the call is sent once more with the source, which also loads it again.
 */
export class LuaScript {
  private readonly source: string;
  private readonly sha: string;

  constructor(
    file: string,
    private readonly keyCount: number,
  ) {
    this.source = `${PRELUDE}\n${readFileSync(join(SCRIPTS_DIR, file), 'utf8')}`;
    this.sha = createHash('sha1').update(this.source).digest('hex');
  }

  async run<T>(client: Redis | Cluster, keys: string[], args: (string | number)[]): Promise<T> {
    if (keys.length !== this.keyCount) {
      throw new Error(`script expects ${this.keyCount} keys, got ${keys.length}`);
    }
    try {
      return (await client.evalsha(this.sha, this.keyCount, ...keys, ...args)) as T;
    } catch (error) {
      if (!isNoScript(error)) throw error;
      return (await client.eval(this.source, this.keyCount, ...keys, ...args)) as T;
    }
  }
}

function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}

export const LOCK_SCRIPTS = {
  acquire: new LuaScript('acquire.lua', 4),
  release: new LuaScript('release.lua', 4),
  leave: new LuaScript('leave.lua', 4),
  renew: new LuaScript('renew.lua', 1),
  inspect: new LuaScript('inspect.lua', 3),
};
