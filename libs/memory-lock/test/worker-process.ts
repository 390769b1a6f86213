import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '../../..');

export interface WorkerEvent {
  id: string;
  event: string;
  [key: string]: unknown;
}

/** A lock worker in its own Node process (see workers/lock-worker.ts). */
export class WorkerProcess {
  readonly events: WorkerEvent[] = [];
  private readonly child: ChildProcess;
  private readonly waiters: { event: string; resolve: (e: WorkerEvent) => void }[] = [];
  readonly exited: Promise<number | null>;

  constructor(env: Record<string, string>) {
    this.child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        join(__dirname, 'workers/lock-worker.ts'),
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          TS_NODE_PROJECT: join(ROOT, 'libs/memory-lock/tsconfig.spec.json'),
          ...env,
        },
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    createInterface({ input: this.child.stdout! }).on('line', (line) => this.onLine(line));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get pid(): number {
    return this.child.pid!;
  }

  next(event: string): Promise<WorkerEvent> {
    const seen = this.events.find((e) => e.event === event);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ event, resolve }));
  }

  send(text: string): void {
    this.child.stdin!.write(text + '\n');
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  private onLine(line: string): void {
    let event: WorkerEvent;
    try {
      event = JSON.parse(line);
    } catch {
      return;
    }
    this.events.push(event);
    for (const waiter of this.waiters.filter(
      (w) => w.event === event.event || event.event === 'error',
    )) {
      waiter.resolve(event);
    }
  }
}
