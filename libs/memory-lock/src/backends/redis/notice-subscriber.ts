import type { Cluster, Redis } from 'ioredis';
import { within } from '../../util/within';
import { LockNotice, NoticeSubscription } from '../lock-backend';

type Listener = (notice: LockNotice) => void;

/** How long a channel stays subscribed after its last listener left; a busy name keeps it. */
const IDLE_UNSUBSCRIBE_MS = 5_000;

interface Channel {
  listeners: Set<Listener>;
  /** Settles when Redis confirmed the subscription. */
  ready: Promise<void>;
  confirmed: boolean;
  idleTimer?: NodeJS.Timeout;
}

/**
 * Release notices on one subscriber connection, shared by every waiter of this process. A channel
 * is subscribed while waiters listen to it and for a while after, so that waiters of a busy name
 * neither subscribe again nor need an extra attempt to cover the moment of subscribing.
 */
export class NoticeSubscriber {
  private readonly channels = new Map<string, Channel>();

  constructor(
    private readonly connection: Redis | Cluster,
    private readonly timeoutMs: number,
  ) {
    connection.on('message', (channel: string, message: string) => this.dispatch(channel, message));
  }

  /** Listens to a channel that is already subscribed, with no I/O; undefined when it is not. */
  listenIfSubscribed(name: string, listener: Listener): NoticeSubscription | undefined {
    const channel = this.channels.get(name);
    if (!channel?.confirmed) return undefined;
    return this.add(name, channel, listener);
  }

  async subscribe(name: string, listener: Listener): Promise<NoticeSubscription> {
    let channel = this.channels.get(name);
    if (!channel) {
      const ready = within(
        this.connection.subscribe(name),
        this.timeoutMs,
        `subscribe timed out after ${this.timeoutMs} ms`,
      ).then(() => {
        created.confirmed = true;
      });
      const created: Channel = { listeners: new Set(), ready, confirmed: false };
      ready.catch(() => this.forget(name, created));
      this.channels.set(name, created);
      channel = created;
    }
    const subscription = this.add(name, channel, listener);
    try {
      await channel.ready;
    } catch (error) {
      subscription.unsubscribe();
      throw error;
    }
    return subscription;
  }

  async close(): Promise<void> {
    this.channels.forEach((channel) => clearTimeout(channel.idleTimer));
    this.channels.clear();
    this.connection.disconnect();
  }

  /**
   * Drops a channel whose subscribe was not confirmed in time. The SUBSCRIBE may still run when a
   * frozen server wakes; the UNSUBSCRIBE queued behind it on the same connection undoes it.
   */
  private forget(name: string, channel: Channel): void {
    if (this.channels.get(name) !== channel) return;
    this.channels.delete(name);
    this.connection.unsubscribe(name).catch(() => undefined);
  }

  private add(name: string, channel: Channel, listener: Listener): NoticeSubscription {
    clearTimeout(channel.idleTimer);
    channel.listeners.add(listener);
    return { unsubscribe: () => this.remove(name, channel, listener) };
  }

  private remove(name: string, channel: Channel, listener: Listener): void {
    if (!channel.listeners.delete(listener) || channel.listeners.size > 0) return;
    clearTimeout(channel.idleTimer);
    channel.idleTimer = setTimeout(() => {
      if (channel.listeners.size > 0 || this.channels.get(name) !== channel) return;
      this.channels.delete(name);
      this.connection.unsubscribe(name).catch(() => undefined);
    }, IDLE_UNSUBSCRIBE_MS);
    channel.idleTimer.unref();
  }

  private dispatch(name: string, message: string): void {
    const channel = this.channels.get(name);
    if (!channel) return;
    const notice = parseNotice(message);
    for (const listener of channel.listeners) listener(notice);
  }
}

/** `released`, or `granted:<owner token>:<fencing token>`. */
function parseNotice(message: string): LockNotice {
  const [type, ownerToken, fencingToken] = message.split(':');
  if (type !== 'granted') return { type: 'released' };
  return { type: 'granted', ownerToken, fencingToken: Number(fencingToken) };
}
