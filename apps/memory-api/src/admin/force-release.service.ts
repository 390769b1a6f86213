import { Injectable, Logger } from '@nestjs/common';
import { DistributedLockService } from '@memory-lock/core';

export interface ForceReleaseResult {
  name: string;
  /** True when a holder was removed, false when the lock was free already. */
  released: boolean;
  /** Last fencing token granted for the name; it stays, so the next grant gets a higher one. */
  fencingToken: number;
}

/**
 * Frees a lock whoever holds it. The holder is not asked: it learns of the loss at its next
 * renewal (`LockLostError` on its signal), and a write it still makes with its old fencing token
 * is refused once the next holder has written.
 */
@Injectable()
export class ForceRelease {
  private readonly logger = new Logger(ForceRelease.name);

  constructor(private readonly locks: DistributedLockService) {}

  async release(name: string): Promise<ForceReleaseResult> {
    // Checks the name before any change, and reads the token that stays.
    const { fencingToken } = await this.locks.inspect(name);

    const released = await this.locks.forceRelease(name);
    if (released) {
      this.logger.warn(
        `Lock "${name}" force-released by an admin request; its holder loses it at its next renewal`,
      );
    }
    return { name, released, fencingToken };
  }
}
