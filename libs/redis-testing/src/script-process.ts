import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const WORKSPACE = join(__dirname, '../../..');

/** One JSON line that a script process printed on stdout. */
export interface ScriptEvent {
  event: string;
  [field: string]: unknown;
}

/**
 * A TypeScript script of this workspace in its own Node process, run from source (ts-node and the
 * workspace's tsconfig paths). It reports through JSON lines on stdout and reads lines on stdin;
 * tests use it for a second lock holder that they can pause (SIGSTOP) or kill.
 */
export class ScriptProcess {
  readonly events: ScriptEvent[] = [];
  readonly exited: Promise<number | NodeJS.Signals | null>;
  private readonly child: ChildProcess;
  private readonly waiting: { events: string[]; resolve: (event: ScriptEvent) => void }[] = [];
  private stderr = '';

  /**
   * @param script absolute path of the `.ts` file to run
   * @param tsconfig workspace-relative tsconfig whose paths the script's imports need
   */
  constructor(script: string, tsconfig: string, env: Record<string, string>) {
    this.child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', script],
      {
        cwd: WORKSPACE,
        env: {
          PATH: process.env.PATH ?? '',
          TS_NODE_PROJECT: join(WORKSPACE, tsconfig),
          ...env,
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    createInterface({ input: this.child.stdout! }).on('line', (line) => this.onLine(line));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve(code ?? signal)),
    );
  }

  /** The first event named one of `events` (or `error`), seen before or later. */
  next(...events: string[]): Promise<ScriptEvent> {
    const seen = this.events.find((e) => events.includes(e.event) || e.event === 'error');
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      this.waiting.push({ events, resolve });
      this.exited.then((how) =>
        reject(new Error(`script ended (${String(how)}) before ${events}:\n${this.stderr}`)),
      );
    });
  }

  send(line: string): void {
    this.child.stdin!.write(`${line}\n`);
  }

  /** Sends a signal to this process only. */
  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Ends the process if it still runs (SIGCONT first, in case it is frozen). */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGCONT');
      this.child.kill('SIGKILL');
    }
    await this.exited;
  }

  private onLine(line: string): void {
    let event: ScriptEvent;
    try {
      event = JSON.parse(line) as ScriptEvent;
    } catch {
      return;
    }
    this.events.push(event);
    for (const waiter of this.waiting.filter(
      (w) => w.events.includes(event.event) || event.event === 'error',
    )) {
      waiter.resolve(event);
    }
  }
}
