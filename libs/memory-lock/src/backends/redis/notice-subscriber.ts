import type { Cluster, Redis } from 'ioredis';
import { LockNotice, NoticeSubscription } from '../lock-backend';

type Listener = (notice: LockNotice) => void;

/**
 * Release notices on one subscriber connection, shared by every waiter of this process. A channel
 * is subscribed while at least one waiter listens to it.
 */
export class NoticeSubscriber {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    private readonly connection: Redis | Cluster,
    private readonly timeoutMs: number,
  ) {
    connection.on('message', (channel: string, message: string) => this.dispatch(channel, message));
  }

  async subscribe(channel: string, listener: Listener): Promise<NoticeSubscription> {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    set.add(listener);

    const subscription = { unsubscribe: () => this.remove(channel, listener) };
    if (set.size === 1) {
      try {
        await withTimeout(this.connection.subscribe(channel), this.timeoutMs);
      } catch (error) {
        subscription.unsubscribe();
        throw error;
      }
    }
    return subscription;
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.connection.disconnect();
  }

  private remove(channel: string, listener: Listener): void {
    const set = this.listeners.get(channel);
    if (!set?.delete(listener) || set.size > 0) return;
    this.listeners.delete(channel);
    this.connection.unsubscribe(channel).catch(() => undefined);
  }

  private dispatch(channel: string, message: string): void {
    const set = this.listeners.get(channel);
    if (!set) return;
    const notice = parseNotice(message);
    for (const listener of set) listener(notice);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`subscribe timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** `released`, or `granted:<owner token>:<fencing token>`. */
function parseNotice(message: string): LockNotice {
  const [type, ownerToken, fencingToken] = message.split(':');
  if (type !== 'granted') return { type: 'released' };
  return { type: 'granted', ownerToken, fencingToken: Number(fencingToken) };
}
