import { Module } from '@nestjs/common';
import { MemoryChanges } from './memory-changes.service';
import { memoryStoreProvider } from './memory-store.provider';
import { MemoryController } from './memory.controller';
import { MemoryService } from './memory.service';

@Module({
  controllers: [MemoryController],
  providers: [memoryStoreProvider, MemoryChanges, MemoryService],
  exports: [memoryStoreProvider],
})
export class MemoryModule {}
