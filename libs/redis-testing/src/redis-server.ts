import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

const INSTALL_HINT =
  'redis-server was not found. Install it (Debian/Ubuntu: `apt-get install redis-server`, ' +
  'macOS: `brew install redis`) or set REDIS_SERVER_BIN to its path.';

export interface RedisServerOptions {
  /** Port to listen on; a free loopback port when omitted. */
  port?: number;
  /** Extra `redis-server` arguments, such as `['--maxmemory', '10mb']`. */
  args?: string[];
}

/**
 * A real `redis-server` process owned by a test: it listens on 127.0.0.1 only, keeps no data on
 * disk, and can be stopped, killed, paused and restarted on the same port to stage outages.
 */
export class RedisServer {
  private child?: ChildProcess;
  private readonly dir = mkdtempSync(join(tmpdir(), 'redis-test-'));

  private constructor(
    readonly port: number,
    private readonly extraArgs: string[],
  ) {}

  static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
    redisServerBinary();
    const server = new RedisServer(options.port ?? (await freePort()), options.args ?? []);
    await server.launch();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  /** Starts the process again on the same port after `stop()` or `kill()`. */
  async restart(): Promise<void> {
    if (this.running) await this.stop();
    await this.launch();
  }

  /** Stops the server politely and waits for the process to end. */
  async stop(): Promise<void> {
    await this.terminate('SIGTERM');
  }

  /** Ends the server abruptly, as a crash would. */
  async kill(): Promise<void> {
    await this.terminate('SIGKILL');
  }

  /** Freezes the server (SIGSTOP): connections stay open, nothing answers. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** Stops the server and removes its working folder. */
  async dispose(): Promise<void> {
    if (this.running) {
      this.resume();
      await this.kill();
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const bin = redisServerBinary();
    const args = [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      this.dir,
      '--protected-mode',
      'yes',
      ...this.extraArgs,
    ];
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;

    let output = '';
    child.stdout?.on(
      'data',
      (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)),
    );
    child.stderr?.on(
      'data',
      (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)),
    );

    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (!this.running) {
        throw new Error(`redis-server on port ${this.port} exited at start:\n${output}`);
      }
      if (await answersPing(this.port)) return;
      await delay(25);
    }
    await this.kill();
    throw new Error(`redis-server on port ${this.port} did not answer within 10 s:\n${output}`);
  }

  private async terminate(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGCONT');
    child.kill(signal);
    await exited;
  }
}

const checkedBinaries = new Set<string>();

/** The redis-server binary to run, or an error that says how to install one. */
export function redisServerBinary(): string {
  const bin = process.env.REDIS_SERVER_BIN || 'redis-server';
  if (checkedBinaries.has(bin)) return bin;
  const probe = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new Error(INSTALL_HINT);
  checkedBinaries.add(bin);
  return bin;
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    // A server with a password answers -NOAUTH: it is up all the same.
    socket.on('data', (data) => finish(/^(\+PONG|-NOAUTH)/.test(data.toString())));
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
