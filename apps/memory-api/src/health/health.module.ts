import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { MemoryModule } from '../memory/memory.module';
import { HealthController } from './health.controller';
import { StoreHealthIndicator } from './store.health';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), MemoryModule],
  controllers: [HealthController],
  providers: [StoreHealthIndicator],
})
export class HealthModule {}
