import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, RedisServer } from '@memory-lock/redis-testing';
import { AppProcess } from './app-process';

export interface StackOptions {
  /** The built memory-api entry. */
  entry: string;
  /** A Redis the user owns; when absent one is started and disposed of here. */
  redisUrl?: string;
  appCount: number;
  logDir: string;
  /** Extra environment for the app processes. */
  env: Record<string, string>;
}

/** The processes the job runs: one Redis unless given, and the memory-api processes. */
export class Stack {
  readonly apps: AppProcess[] = [];
  private redis?: RedisServer;
  private stopping?: Promise<void>;
  redisUrl = '';

  async start(options: StackOptions): Promise<void> {
    if (options.redisUrl) {
      this.redisUrl = options.redisUrl;
    } else {
      this.redis = await RedisServer.start();
      this.redisUrl = this.redis.url;
      console.log(`redis-server pid ${this.redis.pid} on ${this.redis.url}`);
    }

    mkdirSync(options.logDir, { recursive: true });
    for (let i = 0; i < options.appCount; i++) {
      const name = `memory-api-${String.fromCharCode(97 + i)}`;
      const app = AppProcess.start({
        name,
        entry: options.entry,
        port: await freePort(),
        env: { ...options.env, REDIS_URL: this.redisUrl },
        logFile: join(options.logDir, `${name}.log`),
      });
      this.apps.push(app);
      console.log(`${name} pid ${app.pid} on ${app.url} (log ${app.logFile})`);
    }
    await Promise.all(this.apps.map((app) => app.waitReady(60_000)));
  }

  /** Stops the apps, then the Redis this job started. Safe to call more than once. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await Promise.all(this.apps.map((app) => app.stop()));
      await this.redis?.dispose();
    })();
    return this.stopping;
  }

  /** Kills every process at once; for `process.on('exit')`, where nothing can be awaited. */
  killNow(): void {
    for (const app of this.apps) app.killNow();
    const pid = this.redis?.running ? this.redis.pid : undefined;
    if (pid !== undefined) process.kill(pid, 'SIGKILL');
  }
}
