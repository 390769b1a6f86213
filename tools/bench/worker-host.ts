import { BenchWorker, contend } from './contention';
import { GrantLog } from './grants';
import { LibraryWorkers, LogTally } from './library-workers';
import { NaiveLock } from './naive-lock';
import { countSentCommands } from './sent-commands';

/** The locks the bench compares. */
export type LockUnderTest = 'baseline' | 'fair' | 'unfair';

/** One process's share of a run. */
export interface HostRun {
  log: GrantLog;
  /** Commands this process's clients sent during the run. */
  sentCommands: number;
  /** CPU this process used during the run, in ms. */
  cpuMs: number;
  /** Share of the run during which this process's event loop was busy. */
  loopBusy: number;
  /** Warnings and errors the lock library logged during the run, with their counts. */
  libraryLogs: [string, number][];
}

/** Workers in one process: this one, or a child process. */
export interface WorkerHost {
  /** Runs the workers on `lock` until `endAt` (see `monotonicMs`). */
  run(lock: LockUnderTest, endAt: number, workMs: number): Promise<HostRun>;
  close(): Promise<void>;
}

/** Workers in this process, each with a naive lock and with a lock service of its own. */
export class LocalHost implements WorkerHost {
  private readonly sentSoFar = countSentCommands();

  private constructor(
    private readonly ids: number[],
    private readonly name: string,
    private readonly naive: NaiveLock[],
    private readonly library: LibraryWorkers,
    private readonly logs: LogTally,
  ) {}

  static async start(url: string, name: string, ids: number[]): Promise<LocalHost> {
    const naive: NaiveLock[] = [];
    const logs = new LogTally();
    try {
      for (const _ of ids) naive.push(await NaiveLock.connect(url, `naive:{${name}}`));
      const library = await LibraryWorkers.start(url, ids.length, logs);
      return new LocalHost(ids, name, naive, library, logs);
    } catch (error) {
      naive.forEach((lock) => lock.close());
      throw error;
    }
  }

  async run(lock: LockUnderTest, endAt: number, workMs: number): Promise<HostRun> {
    const locks = lock === 'baseline' ? this.naive : this.library.locks(this.name, lock === 'fair');
    const workers: BenchWorker[] = locks.map((one, index) => ({ id: this.ids[index], lock: one }));
    this.logs.take();

    const sentBefore = this.sentSoFar();
    const loopBefore = performance.eventLoopUtilization();
    const cpuBefore = process.cpuUsage();
    const log = await contend(workers, endAt, workMs);
    const cpu = process.cpuUsage(cpuBefore);
    return {
      log,
      sentCommands: this.sentSoFar() - sentBefore,
      cpuMs: (cpu.user + cpu.system) / 1000,
      loopBusy: performance.eventLoopUtilization(loopBefore).utilization,
      libraryLogs: this.logs.take(),
    };
  }

  async close(): Promise<void> {
    await this.library.close();
    this.naive.forEach((lock) => lock.close());
  }
}
