import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, WriteStream } from 'node:fs';

export interface AppProcessOptions {
  name: string;
  entry: string;
  port: number;
  env: Record<string, string>;
  logFile: string;
}

/** One memory-api process on a loopback port, its output kept in a log file. */
export class AppProcess {
  private output = '';

  private constructor(
    readonly name: string,
    readonly port: number,
    readonly logFile: string,
    private readonly child: ChildProcess,
    private readonly log: WriteStream,
  ) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-3000);
      log.write(chunk);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static start(options: AppProcessOptions): AppProcess {
    const child = spawn(process.execPath, [options.entry], {
      env: { ...process.env, ...options.env, HOST: '127.0.0.1', PORT: String(options.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(options.logFile);
    return new AppProcess(options.name, options.port, options.logFile, child, log);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** How the process ended, for a report; `undefined` while it runs. */
  get exitDescription(): string | undefined {
    if (this.running) return undefined;
    return this.child.signalCode
      ? `signal ${this.child.signalCode}`
      : `exit ${this.child.exitCode}`;
  }

  /** The last lines it printed. */
  get tail(): string {
    return this.output;
  }

  /** Polls `/health/ready` until it answers 200. */
  async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (!this.running) {
        throw new Error(
          `${this.name} ended (${this.exitDescription}) before it was ready:\n${this.tail}`,
        );
      }
      try {
        const response = await fetch(`${this.url}/health/ready`, {
          signal: AbortSignal.timeout(2000),
        });
        if (response.status === 200) return;
        last = `${response.status} ${await response.text()}`;
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(
      `${this.name} was not ready within ${timeoutMs} ms (last: ${last}):\n${this.tail}`,
    );
  }

  /** Asks the process to end, then ends it if it has not within `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.running) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    await new Promise<void>((resolve) => this.log.end(() => resolve()));
  }

  /** Ends the process at once; for the last moment of an exiting job. */
  killNow(): void {
    if (this.running) this.child.kill('SIGKILL');
  }
}
