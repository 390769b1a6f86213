import { RedisModule } from '@liaoliaots/nestjs-redis';
import { INestApplicationContext, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DistributedLockService, MemoryLockModule } from '@memory-lock/core';
import { BenchLock } from './contention';

/** Warnings and errors the lock library logged during the bench, counted by text. */
export class LogTally implements LoggerService {
  private counts = new Map<string, number>();

  /** What was logged since the last call, with counts. */
  take(): [string, number][] {
    const taken = [...this.counts];
    this.counts = new Map();
    return taken;
  }

  log(): void {}
  debug(): void {}
  verbose(): void {}
  warn(message: unknown, context?: string): void {
    this.count('warn', message, context);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.count('error', message, typeof rest.at(-1) === 'string' ? String(rest.at(-1)) : '');
  }

  private count(level: string, message: unknown, context?: string): void {
    const key = `${level} ${context ? `[${context}] ` : ''}${String(message)}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
}

/**
 * Workers of the lock library: each has its own Nest application context, hence its own
 * DistributedLockService and its own Redis connections (the app client, and the library's
 * command and notice connections), as separate processes would.
 */
export class LibraryWorkers {
  private constructor(private readonly apps: INestApplicationContext[]) {}

  static async start(url: string, count: number, logger: LoggerService): Promise<LibraryWorkers> {
    const apps: INestApplicationContext[] = [];
    try {
      for (let i = 0; i < count; i += 1) {
        // A class per worker, so that no two contexts could ever share a module instance.
        class BenchWorkerModule {}
        const app = await NestFactory.createApplicationContext(
          {
            module: BenchWorkerModule,
            imports: [
              RedisModule.forRoot({ config: { url }, readyLog: false }),
              MemoryLockModule.forRoot({ keyPrefix: 'bench' }),
            ],
          },
          { logger, abortOnError: false },
        );
        apps.push(app);
      }
    } catch (error) {
      await Promise.allSettled(apps.map((app) => app.close()));
      throw error;
    }
    return new LibraryWorkers(apps);
  }

  /** One lock per worker on `name`, with `fair` as given and the library's other defaults. */
  locks(name: string, fair: boolean): BenchLock[] {
    return this.apps.map((app) => {
      const service = app.get(DistributedLockService);
      return {
        withLock: async (critical, signal) => {
          await service.withLock(name, (handle) => critical(handle.fencingToken), {
            fair,
            kind: 'bench',
            signal,
          });
        },
      };
    });
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.apps.map((app) => app.close()));
  }
}
