import { Module } from '@nestjs/common';
import { AdminLocksController } from './admin-locks.controller';
import { AdminTokenGuard } from './admin-token.guard';
import { ForceRelease } from './force-release.service';

/** The `/admin/locks/:name` routes; imported only with `ADMIN_ENABLED=true`. */
@Module({
  controllers: [AdminLocksController],
  providers: [AdminTokenGuard, ForceRelease],
})
export class AdminModule {}
