import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Histogram } from 'prom-client';
import { API_METRIC } from './memory-api-metrics.providers';

/** Express sets `route` on the request once a route matched; its `path` is the pattern. */
type RoutedRequest = IncomingMessage & { route?: { path?: unknown } };

/** Route label of requests no route matched; a raw URL would give every unknown path a series. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Counts and times every HTTP response, labelled with the route pattern (`/memories/:id`), never
 * the raw path. It is mounted in front of the body parser, so refused bodies are counted too.
 */
@Injectable()
export class HttpMetricsMiddleware {
  constructor(
    @InjectMetric(API_METRIC.httpRequests) private readonly requests: Counter<string>,
    @InjectMetric(API_METRIC.httpDuration) private readonly duration: Histogram<string>,
  ) {}

  readonly handle = (req: RoutedRequest, res: ServerResponse, next: () => void): void => {
    const started = process.hrtime.bigint();

    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const path = req.route?.path;
      const route = typeof path === 'string' ? path : UNMATCHED_ROUTE;
      const method = req.method ?? 'UNKNOWN';
      this.requests.inc({ route, method, status: String(res.statusCode) });
      this.duration.observe({ route, method }, seconds);
    });

    next();
  };
}
