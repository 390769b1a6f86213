import {
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  NotImplementedException,
  Optional,
} from '@nestjs/common';
import { RedisService } from '@liaoliaots/nestjs-redis';
import { DistributedLockService, LockBackendError, lockKeys } from '@memory-lock/core';
import type { Redis } from 'ioredis';
import { join } from 'node:path';
import { errorBody } from '../common/filters/error-bodies';
import { RedisScript } from '../common/redis/redis-script';
import { APP_CONFIG, AppConfig, LOCK_KEY_PREFIX } from '../config/app-config';

const FORCE_RELEASE = RedisScript.load(join(__dirname, 'scripts', 'force-release.lua'));

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
 * is refused once the next holder has written. Needs the Redis backend.
 */
@Injectable()
export class ForceRelease {
  private readonly logger = new Logger(ForceRelease.name);

  constructor(
    private readonly locks: DistributedLockService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly redis?: RedisService,
  ) {}

  async release(name: string): Promise<ForceReleaseResult> {
    // Checks the name before any change, and reads the token that stays.
    const { fencingToken } = await this.locks.inspect(name);

    const client = this.client();
    const keys = lockKeys(LOCK_KEY_PREFIX, name);
    let removed: unknown;
    try {
      removed = await FORCE_RELEASE.run(client, [keys.lock], [keys.channel]);
    } catch (error) {
      throw new LockBackendError(name, 'force release', error);
    }

    const released = removed === 1;
    if (released) {
      this.logger.warn(
        `Lock "${name}" force-released by an admin request; its holder loses it at its next renewal`,
      );
    }
    return { name, released, fencingToken };
  }

  private client(): Redis {
    if (!this.config.redisUrl || !this.redis) {
      throw new NotImplementedException(
        errorBody(
          HttpStatus.NOT_IMPLEMENTED,
          'FORCE_RELEASE_UNAVAILABLE',
          'force release needs the Redis backend (REDIS_URL); the embedded lock has no way to remove a holder',
        ),
      );
    }
    return this.redis.getOrThrow();
  }
}
