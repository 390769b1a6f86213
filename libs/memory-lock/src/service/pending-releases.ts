import { LockBackend } from '../backends/lock-backend';

const RETRY_MS = 250;

interface Pending {
  name: string;
  ownerToken: string;
  /** After this local time the lease has run out anyway, and nothing is left to release. */
  until: number;
}

/**
 * Owner tokens whose grant or release went unanswered. A command that timed out may still sit in a
 * frozen server's socket and run later, granting a lock nobody holds; releasing that token once
 * Redis answers again frees it, instead of leaving it stuck for a whole lease.
 */
export class PendingReleases {
  private readonly pending = new Map<string, Pending>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly backend: LockBackend) {}

  get size(): number {
    return this.pending.size;
  }

  add(name: string, ownerToken: string, leaseMs: number): void {
    this.pending.set(ownerToken, { name, ownerToken, until: Date.now() + leaseMs + RETRY_MS });
    this.schedule();
  }

  /** One more try for each, then stop; used at shutdown. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.retryAll();
    this.pending.clear();
  }

  private schedule(): void {
    if (this.timer || this.pending.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.retryAll().then(() => this.schedule());
    }, RETRY_MS);
    this.timer.unref();
  }

  private async retryAll(): Promise<void> {
    const now = Date.now();
    await Promise.all(
      [...this.pending.values()].map(async (entry) => {
        if (entry.until < now) {
          this.pending.delete(entry.ownerToken);
          return;
        }
        try {
          await this.backend.leave(entry.name, entry.ownerToken);
          this.pending.delete(entry.ownerToken);
        } catch {
          // Still unreachable: try again on the next round.
        }
      }),
    );
  }
}
