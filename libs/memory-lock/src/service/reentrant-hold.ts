import { LockHandle, ReleaseResult } from '../lock.options';

/**
 * A nested acquire of a name already held in this async context. It shares the outer hold; its
 * release gives back only this nesting level, and the outermost holder releases the lock.
 */
export class ReentrantHold implements LockHandle {
  private released = false;

  constructor(
    private readonly outer: LockHandle,
    private readonly onRelease: () => void,
  ) {}

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
    return this.outer.signal;
  }

  async release(): Promise<ReleaseResult> {
    if (!this.released) {
      this.released = true;
      this.onRelease();
    }
    return 'released';
  }
}
