import { LockInspection, ReleaseResult } from '../../lock.options';
import {
  AcquireAttempt,
  AcquireRequest,
  LockBackend,
  LockNotice,
  NoticeSubscription,
  RenewResult,
} from '../lock-backend';

interface Lease {
  ownerToken: string;
  expiresAt: number;
}

interface Waiter {
  heartbeatUntil: number;
  heartbeatMs: number;
  leaseMs: number;
}

interface NameState {
  lease?: Lease;
  fencingToken: number;
  queue: string[];
  waiters: Map<string, Waiter>;
  listeners: Set<(notice: LockNotice) => void>;
}

/**
 * Locks inside this process, with the same semantics as the Redis backend (fencing, fair queue
 * with direct handoff, notices). For a single replica and for development: nothing is shared
 * with other processes.
 */
export class InMemoryLockBackend implements LockBackend {
  readonly type = 'in-memory';
  private readonly names = new Map<string, NameState>();

  async tryAcquire(request: AcquireRequest): Promise<AcquireAttempt> {
    const state = this.state(request.name);
    const now = Date.now();
    const holder = this.holder(state, now);

    if (holder === request.ownerToken) {
      state.lease = { ownerToken: request.ownerToken, expiresAt: now + request.leaseMs };
      return { acquired: true, fencingToken: state.fencingToken, leaseMs: request.leaseMs };
    }
    if (holder === undefined) {
      this.dropLapsedHeads(state, request.ownerToken, now);
      const head = state.queue[0];
      if (head === undefined || head === request.ownerToken) {
        if (head !== undefined) state.queue.shift();
        state.waiters.delete(request.ownerToken);
        return {
          acquired: true,
          fencingToken: this.grant(state, request.ownerToken, request.leaseMs, now),
          leaseMs: request.leaseMs,
        };
      }
      this.handOff(state, now);
    }

    if (request.register) this.keepPlace(state, request, now);
    const remainingMs = state.lease ? Math.max(state.lease.expiresAt - now, 0) : 0;
    return { acquired: false, remainingMs, fencingToken: state.fencingToken };
  }

  async renew(name: string, ownerToken: string, leaseMs: number): Promise<RenewResult> {
    const state = this.state(name);
    const now = Date.now();
    const holder = this.holder(state, now);
    if (holder === ownerToken) {
      state.lease = { ownerToken, expiresAt: now + leaseMs };
      return 'renewed';
    }
    return holder === undefined ? 'expired' : 'stolen';
  }

  async release(name: string, ownerToken: string): Promise<ReleaseResult> {
    const state = this.state(name);
    const holder = this.holder(state, Date.now());
    if (holder !== ownerToken) return holder === undefined ? 'expired' : 'not-owner';
    this.freeAndPassOn(state);
    return 'released';
  }

  async leave(name: string, ownerToken: string): Promise<boolean> {
    const state = this.state(name);
    state.waiters.delete(ownerToken);
    state.queue = state.queue.filter((token) => token !== ownerToken);
    if (this.holder(state, Date.now()) !== ownerToken) return false;
    this.freeAndPassOn(state);
    return true;
  }

  async forceRelease(name: string): Promise<boolean> {
    const state = this.state(name);
    if (this.holder(state, Date.now()) === undefined) return false;
    this.freeAndPassOn(state);
    return true;
  }

  async inspect(name: string): Promise<LockInspection> {
    const state = this.state(name);
    const now = Date.now();
    const held = this.holder(state, now) !== undefined;
    const waiters = [...state.waiters.values()].filter((w) => w.heartbeatUntil >= now).length;
    const remainingMs = held && state.lease ? state.lease.expiresAt - now : 0;
    return { name, held, remainingMs, fencingToken: state.fencingToken, waiters };
  }

  listenIfSubscribed(name: string, listener: (notice: LockNotice) => void): NoticeSubscription {
    const state = this.state(name);
    state.listeners.add(listener);
    return { unsubscribe: () => state.listeners.delete(listener) };
  }

  async subscribe(
    name: string,
    listener: (notice: LockNotice) => void,
  ): Promise<NoticeSubscription> {
    const state = this.state(name);
    state.listeners.add(listener);
    return { unsubscribe: () => state.listeners.delete(listener) };
  }

  watchAvailability(listener: (up: boolean) => void): void {
    listener(true);
  }

  async ping(): Promise<number> {
    return 0;
  }

  async close(): Promise<void> {
    this.names.clear();
  }

  private keepPlace(state: NameState, request: AcquireRequest, now: number): void {
    if (request.fair && !state.waiters.has(request.ownerToken))
      state.queue.push(request.ownerToken);
    state.waiters.set(request.ownerToken, {
      heartbeatUntil: now + request.heartbeatMs,
      heartbeatMs: request.heartbeatMs,
      leaseMs: request.leaseMs,
    });
  }

  private state(name: string): NameState {
    let state = this.names.get(name);
    if (!state) {
      state = { fencingToken: 0, queue: [], waiters: new Map(), listeners: new Set() };
      this.names.set(name, state);
    }
    return state;
  }

  private holder(state: NameState, now: number): string | undefined {
    if (state.lease && state.lease.expiresAt <= now) state.lease = undefined;
    return state.lease?.ownerToken;
  }

  private grant(state: NameState, ownerToken: string, leaseMs: number, now: number): number {
    state.lease = { ownerToken, expiresAt: now + leaseMs };
    state.fencingToken += 1;
    return state.fencingToken;
  }

  private liveWaiter(state: NameState, token: string, now: number): Waiter | undefined {
    const waiter = state.waiters.get(token);
    if (waiter && waiter.heartbeatUntil < now) {
      state.waiters.delete(token);
      return undefined;
    }
    return waiter;
  }

  private dropLapsedHeads(state: NameState, caller: string, now: number): void {
    while (
      state.queue.length > 0 &&
      state.queue[0] !== caller &&
      !this.liveWaiter(state, state.queue[0], now)
    ) {
      state.queue.shift();
    }
  }

  private handOff(state: NameState, now: number): boolean {
    for (let head = state.queue.shift(); head !== undefined; head = state.queue.shift()) {
      const waiter = this.liveWaiter(state, head, now);
      if (!waiter) continue;
      state.waiters.delete(head);
      // Until the waiter claims it, the grant lasts one heartbeat (a dead waiter holds up nobody long).
      const fencingToken = this.grant(
        state,
        head,
        Math.min(waiter.leaseMs, waiter.heartbeatMs),
        now,
      );
      this.notify(state, { type: 'granted', ownerToken: head, fencingToken });
      return true;
    }
    return false;
  }

  private freeAndPassOn(state: NameState): void {
    state.lease = undefined;
    if (!this.handOff(state, Date.now())) this.notify(state, { type: 'released' });
  }

  private notify(state: NameState, notice: LockNotice): void {
    for (const listener of [...state.listeners]) queueMicrotask(() => listener(notice));
  }
}
