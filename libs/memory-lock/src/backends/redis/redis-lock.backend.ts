import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { LockInspection, ReleaseResult } from '../../lock.options';
import {
  AcquireAttempt,
  AcquireRequest,
  LockBackend,
  LockNotice,
  NoticeSubscription,
  RenewResult,
} from '../lock-backend';
import { lockKeys } from './lock-keys';
import { LOCK_SCRIPTS } from './lua-script';
import { NoticeSubscriber } from './notice-subscriber';

/** Longest a command waits for a connection that is reconnecting before it fails. */
const READY_WAIT_MS = 500;

export interface RedisLockBackendOptions {
  keyPrefix: string;
  commandTimeoutMs: number;
}

/**
 * Locks on Redis (standalone or Sentinel). It works on its own duplicates of the application's
 * client: one for commands that never queues while disconnected and never resends a command
 * after a reconnect (a lock command its caller gave up on must not run later), and one for
 * release notices.
 */
export class RedisLockBackend implements LockBackend {
  readonly type = 'redis';
  private readonly commands: Redis | Cluster;
  private readonly notices: NoticeSubscriber;

  constructor(
    client: Redis | Cluster,
    private readonly options: RedisLockBackendOptions,
  ) {
    const safe: Partial<RedisOptions> = {
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs,
    };
    this.commands = duplicate(client, safe);
    const subscriber = duplicate(client, { commandTimeout: undefined });
    // Connection errors surface as failed commands and in the availability gauge.
    this.commands.on('error', () => undefined);
    subscriber.on('error', () => undefined);
    this.notices = new NoticeSubscriber(subscriber, options.commandTimeoutMs);
  }

  /** The connection lock commands go through; for listening to its state. */
  get connection(): Redis | Cluster {
    return this.commands;
  }

  private async ready(): Promise<Redis | Cluster> {
    await whenReady(this.commands, Math.min(this.options.commandTimeoutMs, READY_WAIT_MS));
    return this.commands;
  }

  async tryAcquire(request: AcquireRequest): Promise<AcquireAttempt> {
    const keys = lockKeys(this.options.keyPrefix, request.name);
    const reply = await LOCK_SCRIPTS.acquire.run<number[]>(
      await this.ready(),
      [keys.lock, keys.fence, keys.queue, keys.waiters],
      [
        request.ownerToken,
        request.leaseMs,
        request.fair ? 1 : 0,
        request.heartbeatMs,
        keys.channel,
        request.register ? 1 : 0,
      ],
    );
    if (reply[0] === 1) {
      return { acquired: true, fencingToken: Number(reply[1]), leaseMs: Number(reply[2]) };
    }
    return { acquired: false, remainingMs: Number(reply[1]), fencingToken: Number(reply[2]) };
  }

  async renew(name: string, ownerToken: string, leaseMs: number): Promise<RenewResult> {
    const keys = lockKeys(this.options.keyPrefix, name);
    const reply = await LOCK_SCRIPTS.renew.run<number>(
      await this.ready(),
      [keys.lock],
      [ownerToken, leaseMs],
    );
    if (reply === 1) return 'renewed';
    return reply === -1 ? 'stolen' : 'expired';
  }

  async release(name: string, ownerToken: string): Promise<ReleaseResult> {
    const keys = lockKeys(this.options.keyPrefix, name);
    return LOCK_SCRIPTS.release.run<ReleaseResult>(
      await this.ready(),
      [keys.lock, keys.fence, keys.queue, keys.waiters],
      [ownerToken, keys.channel],
    );
  }

  async leave(name: string, ownerToken: string): Promise<boolean> {
    const keys = lockKeys(this.options.keyPrefix, name);
    const reply = await LOCK_SCRIPTS.leave.run<number>(
      await this.ready(),
      [keys.lock, keys.fence, keys.queue, keys.waiters],
      [ownerToken, keys.channel],
    );
    return reply === 1;
  }

  async forceRelease(name: string): Promise<boolean> {
    const keys = lockKeys(this.options.keyPrefix, name);
    const reply = await LOCK_SCRIPTS.forceRelease.run<number>(
      await this.ready(),
      [keys.lock, keys.fence, keys.queue, keys.waiters],
      [keys.channel],
    );
    return reply === 1;
  }

  async inspect(name: string): Promise<LockInspection> {
    const keys = lockKeys(this.options.keyPrefix, name);
    const [held, remainingMs, fencingToken, waiters] = await LOCK_SCRIPTS.inspect.run<number[]>(
      await this.ready(),
      [keys.lock, keys.fence, keys.waiters],
      [],
    );
    return { name, held: held === 1, remainingMs, fencingToken, waiters };
  }

  listenIfSubscribed(
    name: string,
    listener: (notice: LockNotice) => void,
  ): NoticeSubscription | undefined {
    return this.notices.listenIfSubscribed(
      lockKeys(this.options.keyPrefix, name).channel,
      listener,
    );
  }

  subscribe(name: string, listener: (notice: LockNotice) => void): Promise<NoticeSubscription> {
    return this.notices.subscribe(lockKeys(this.options.keyPrefix, name).channel, listener);
  }

  watchAvailability(listener: (up: boolean) => void): void {
    listener(this.commands.status === 'ready');
    this.commands.on('ready', () => listener(true));
    this.commands.on('close', () => listener(false));
  }

  async ping(): Promise<number> {
    const started = performance.now();
    await (await this.ready()).ping();
    return performance.now() - started;
  }

  async close(): Promise<void> {
    await this.notices.close();
    this.commands.disconnect();
  }
}

function duplicate(client: Redis | Cluster, overrides: Partial<RedisOptions>): Redis | Cluster {
  const options = { ...overrides, lazyConnect: false };
  if (client.isCluster) {
    return (client as Cluster).duplicate(undefined, { redisOptions: options, lazyConnect: false });
  }
  return (client as Redis).duplicate(options);
}

/** Waits, at most `timeoutMs`, for a connection that is (re)connecting; nothing is queued meanwhile. */
function whenReady(connection: Redis | Cluster, timeoutMs: number): Promise<void> {
  if (connection.status === 'ready') return Promise.resolve();
  if (connection.status === 'end') return Promise.reject(new Error('Connection is closed.'));
  return new Promise((resolve, reject) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      connection.off('ready', onReady);
      reject(new Error(`Redis is not reachable (connection ${connection.status})`));
    }, timeoutMs);
    connection.once('ready', onReady);
  });
}
