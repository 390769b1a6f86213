import { LockLostError } from '../errors';
import { LockHandle, ReleaseResult } from '../lock.options';

/**
 * A nested acquire of a name already held in this async context. It shares the outer hold; its
 * release gives back only this nesting level, and the outermost holder releases the lock. Its
 * signal fires when the outer hold loses the lock, and also when the outer hold releases the
 * lock while this nested hold is still in use.
 */
export class ReentrantHold implements LockHandle {
  private released = false;
  private readonly controller = new AbortController();

  constructor(
    private readonly outer: LockHandle,
    private readonly onRelease: (hold: ReentrantHold) => void,
  ) {
    const follow = () => this.controller.abort(outer.signal.reason);
    if (outer.signal.aborted) follow();
    else outer.signal.addEventListener('abort', follow, { once: true });
  }

  /** The outermost hold, which owns the lock. */
  get root(): LockHandle {
    return this.outer;
  }

  get name(): string {
    return this.outer.name;
  }
  get kind(): string {
    return this.outer.kind;
  }
  get ownerToken(): string {
    return this.outer.ownerToken;
  }
  get fencingToken(): number {
    return this.outer.fencingToken;
  }
  get expiresAt(): number {
    return this.outer.expiresAt;
  }
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Called by the outer hold when it releases the lock under this one. */
  outerReleased(): void {
    if (!this.released) this.controller.abort(new LockLostError(this.name, 'released'));
  }

  async release(): Promise<ReleaseResult> {
    if (!this.released) {
      this.released = true;
      this.onRelease(this);
    }
    return 'released';
  }
}
