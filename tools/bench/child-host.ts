import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { HostRun, LockUnderTest, WorkerHost } from './worker-host';

export type ChildRequest =
  | { type: 'start'; url: string; name: string; ids: number[] }
  | { type: 'run'; lock: LockUnderTest; endAt: number; workMs: number }
  | { type: 'close' };

export type ChildReply = { ok: true; value?: HostRun } | { ok: false; error: string };

/** Longest a child may take to close its contexts and connections before it is killed. */
const CLOSE_WAIT_MS = 5_000;

/** Workers in a child process (bench-child.ts), driven over the IPC channel. */
export class ChildHost implements WorkerHost {
  private constructor(private readonly child: ChildProcess) {}

  static async start(url: string, name: string, ids: number[]): Promise<ChildHost> {
    const child = fork(join(__dirname, 'bench-child.ts'), [], {
      cwd: join(__dirname, '../..'),
      execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
      env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '../tsconfig.json') },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const host = new ChildHost(child);
    try {
      await host.request({ type: 'start', url, name, ids });
    } catch (error) {
      host.kill();
      throw error;
    }
    return host;
  }

  async run(lock: LockUnderTest, endAt: number, workMs: number): Promise<HostRun> {
    const reply = await this.request({ type: 'run', lock, endAt, workMs });
    if (!reply) throw new Error(`bench child ${this.child.pid} sent no result`);
    return reply;
  }

  async close(): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const timer = setTimeout(() => this.kill(), CLOSE_WAIT_MS);
    await this.request({ type: 'close' }).then(
      () => this.child.disconnect(),
      () => this.kill(),
    );
    await exited;
    clearTimeout(timer);
  }

  /** Ends the child at once; for the way out after an error or an interrupt. */
  kill(): void {
    if (this.alive) this.child.kill('SIGKILL');
  }

  private get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  private request(message: ChildRequest): Promise<HostRun | undefined> {
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
      };
      const onMessage = (reply: ChildReply) => {
        cleanup();
        if (reply.ok) resolve(reply.value);
        else reject(new Error(`bench child ${this.child.pid}: ${reply.error}`));
      };
      const onExit = (code: number | null, signal: string | null) => {
        cleanup();
        reject(new Error(`bench child ${this.child.pid} exited (${signal ?? code})`));
      };
      this.child.on('message', onMessage);
      this.child.on('exit', onExit);
      this.child.send(message);
    });
  }
}
