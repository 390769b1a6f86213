import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cluster, Redis } from 'ioredis';

/**
 * A Lua script called by its SHA1. When Redis has forgotten it (first call, restart, failover,
 * SCRIPT FLUSH) the call is sent once more with the source, which also loads it again: no caller
 * sees NOSCRIPT.
 *
 * @example
 * const append = LuaScript.fromFile(join(__dirname, 'scripts', 'append.lua'));
 * await append.run(redis, [listKey], [json]);
 */
export class LuaScript {
  readonly sha: string;

  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** Reads a script file once; `prelude` (shared functions) is put before it. */
  static fromFile(path: string, prelude = ''): LuaScript {
    const body = readFileSync(path, 'utf8');
    return new LuaScript(prelude ? `${prelude}\n${body}` : body);
  }

  async run<T = unknown>(
    client: Redis | Cluster,
    keys: string[],
    args: (string | number)[],
  ): Promise<T> {
    try {
      return (await client.evalsha(this.sha, keys.length, ...keys, ...args)) as T;
    } catch (error) {
      if (!isNoScript(error)) throw error;
      return (await client.eval(this.source, keys.length, ...keys, ...args)) as T;
    }
  }
}

function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}

const SCRIPTS_DIR = join(__dirname, 'scripts');
const QUEUE_FUNCTIONS = readFileSync(join(SCRIPTS_DIR, 'queue.lua'), 'utf8');
const lockScript = (file: string) => LuaScript.fromFile(join(SCRIPTS_DIR, file), QUEUE_FUNCTIONS);

export const LOCK_SCRIPTS = {
  acquire: lockScript('acquire.lua'),
  release: lockScript('release.lua'),
  leave: lockScript('leave.lua'),
  forceRelease: lockScript('force-release.lua'),
  renew: lockScript('renew.lua'),
  inspect: lockScript('inspect.lua'),
};
