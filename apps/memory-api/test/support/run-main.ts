import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const WORKSPACE = join(__dirname, '../../../..');

/** `main.ts` running in a child process, from source, with exactly the given environment. */
export class MainProcess {
  output = '';
  private readonly child: ChildProcess;
  /** Exit code, or the signal that ended the process. */
  readonly exited: Promise<number | NodeJS.Signals | null>;

  constructor(env: Record<string, string>) {
    this.child = spawn(
      process.execPath,
      ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', 'apps/memory-api/src/main.ts'],
      {
        cwd: WORKSPACE,
        env: {
          PATH: process.env.PATH ?? '',
          NO_COLOR: '1',
          TS_NODE_PROJECT: 'apps/memory-api/tsconfig.app.json',
          TS_NODE_TRANSPILE_ONLY: 'true',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const collect = (chunk: Buffer) => (this.output += chunk.toString());
    this.child.stdout?.on('data', collect);
    this.child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve(code ?? signal)),
    );
  }

  /** Resolves once the output matches `pattern`; rejects if the process ends or time runs out. */
  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.output.match(pattern);
      if (match) return match;
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`no ${pattern} in the output of main.ts:\n${this.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Asks the process to shut down (SIGTERM) and waits for it to end. */
  async stop(): Promise<number | NodeJS.Signals | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }
}
