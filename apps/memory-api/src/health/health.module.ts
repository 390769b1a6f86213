import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { MemoryModule } from '../memory/memory.module';
import { HealthController } from './health.controller';
import { StoreHealthIndicator } from './store.health';

// Terminus would log every failed probe; the controller logs readiness only when it changes.
@Module({
  imports: [TerminusModule.forRoot({ logger: false }), MemoryModule],
  controllers: [HealthController],
  providers: [StoreHealthIndicator],
})
export class HealthModule {}
