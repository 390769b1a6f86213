import { Controller, Delete, Get, Param, UseGuards } from '@nestjs/common';
import { DistributedLockService } from '@memory-lock/core';
import { AdminTokenGuard } from './admin-token.guard';
import { ForceRelease, ForceReleaseResult } from './force-release.service';

/** What `GET /admin/locks/:name` answers. */
export interface LockInspectionResponse {
  name: string;
  held: boolean;
  /** Remaining lease in ms; 0 when free. */
  remainingMs: number;
  /** Last fencing token granted for the name; 0 if it was never granted. */
  fencingToken: number;
  /** Waiters that are still alive. */
  waiters: number;
}

/**
 * Operator routes for one lock, by its full name (`memory:42`). They exist only with
 * `ADMIN_ENABLED=true` and need `Authorization: Bearer <ADMIN_TOKEN>`.
 */
@Controller('admin/locks')
@UseGuards(AdminTokenGuard)
export class AdminLocksController {
  constructor(
    private readonly locks: DistributedLockService,
    private readonly forceRelease: ForceRelease,
  ) {}

  @Get(':name')
  async inspect(@Param('name') name: string): Promise<LockInspectionResponse> {
    const { held, remainingMs, fencingToken, waiters } = await this.locks.inspect(name);
    return { name, held, remainingMs, fencingToken, waiters };
  }

  /** Frees the lock whoever holds it; see `ForceRelease`. */
  @Delete(':name')
  release(@Param('name') name: string): Promise<ForceReleaseResult> {
    return this.forceRelease.release(name);
  }
}
