import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { Counter } from 'prom-client';
import { API_METRIC } from './memory-api-metrics.providers';

/** What happened to memories, as counters. */
@Injectable()
export class MemoryMetrics {
  constructor(
    @InjectMetric(API_METRIC.messagesAppended) private readonly messagesAppended: Counter,
    @InjectMetric(API_METRIC.tokensAppended) private readonly tokensAppended: Counter,
    @InjectMetric(API_METRIC.flushes) private readonly flushes: Counter,
    @InjectMetric(API_METRIC.flushTrimmedMessages) private readonly trimmedMessages: Counter,
    @InjectMetric(API_METRIC.flushTrimmedTokens) private readonly trimmedTokens: Counter,
    @InjectMetric(API_METRIC.fencingRejections) private readonly fencingRejections: Counter,
  ) {}

  appended(messages: number, tokens: number): void {
    this.messagesAppended.inc(messages);
    this.tokensAppended.inc(tokens);
  }

  flushed(messages: number, tokens: number): void {
    this.flushes.inc();
    this.trimmedMessages.inc(messages);
    this.trimmedTokens.inc(tokens);
  }

  fencingRejected(): void {
    this.fencingRejections.inc();
  }
}
