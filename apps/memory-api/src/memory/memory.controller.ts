import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { AppendMessagesDto } from './dto/append-messages.dto';
import { FlushMemoryDto } from './dto/flush-memory.dto';
import { MemoryIdParams } from './dto/memory-id.params';
import { ReadMemoryQuery } from './dto/read-memory.query';
import { ReplaceMessagesDto } from './dto/replace-messages.dto';
import {
  AppendResponse,
  ClearResponse,
  FlushResponse,
  MemoryPageResponse,
  ReplaceResponse,
  StatsResponse,
} from './memory.responses';
import { MemoryService } from './memory.service';

@Controller('memories/:id')
export class MemoryController {
  constructor(private readonly memories: MemoryService) {}

  @Post('messages')
  append(
    @Param() { id }: MemoryIdParams,
    @Body() body: AppendMessagesDto,
  ): Promise<AppendResponse> {
    return this.memories.append(id, body.messages);
  }

  @Get()
  read(
    @Param() { id }: MemoryIdParams,
    @Query() { limit, offset }: ReadMemoryQuery,
  ): Promise<MemoryPageResponse> {
    return this.memories.read(id, limit, offset);
  }

  @Get('stats')
  stats(@Param() { id }: MemoryIdParams): Promise<StatsResponse> {
    return this.memories.stats(id);
  }

  @Put()
  replace(
    @Param() { id }: MemoryIdParams,
    @Body() body: ReplaceMessagesDto,
  ): Promise<ReplaceResponse> {
    return this.memories.replace(id, body.messages);
  }

  @Delete()
  clear(@Param() { id }: MemoryIdParams): Promise<ClearResponse> {
    return this.memories.clear(id);
  }

  @Post('flush')
  @HttpCode(200)
  flush(@Param() { id }: MemoryIdParams, @Body() body: FlushMemoryDto): Promise<FlushResponse> {
    return this.memories.flush(id, body);
  }
}
