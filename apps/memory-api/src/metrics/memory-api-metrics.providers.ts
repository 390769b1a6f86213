import { makeCounterProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';

/** Metric names; the dashboards and alerts under deploy/ read these. */
export const API_METRIC = {
  httpRequests: 'memory_api_http_requests_total',
  httpDuration: 'memory_api_http_request_duration_seconds',
  messagesAppended: 'memory_api_messages_appended_total',
  tokensAppended: 'memory_api_tokens_appended_total',
  flushes: 'memory_api_flushes_total',
  flushTrimmedMessages: 'memory_api_flush_trimmed_messages_total',
  flushTrimmedTokens: 'memory_api_flush_trimmed_tokens_total',
  fencingRejections: 'memory_api_fencing_rejections_total',
} as const;

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const API_METRIC_PROVIDERS = [
  makeCounterProvider({
    name: API_METRIC.httpRequests,
    help: 'HTTP requests by route pattern, method and status code.',
    labelNames: ['route', 'method', 'status'],
  }),
  makeHistogramProvider({
    name: API_METRIC.httpDuration,
    help: 'HTTP request duration by route pattern and method, in seconds.',
    labelNames: ['route', 'method'],
    buckets: DURATION_BUCKETS,
  }),
  makeCounterProvider({
    name: API_METRIC.messagesAppended,
    help: 'Messages appended to memories.',
  }),
  makeCounterProvider({
    name: API_METRIC.tokensAppended,
    help: 'Tokens (cl100k_base) of the messages appended to memories.',
  }),
  makeCounterProvider({
    name: API_METRIC.flushes,
    help: 'Flushes of memories down to a token or message budget.',
  }),
  makeCounterProvider({
    name: API_METRIC.flushTrimmedMessages,
    help: 'Messages removed by flushes.',
  }),
  makeCounterProvider({
    name: API_METRIC.flushTrimmedTokens,
    help: 'Tokens of the messages removed by flushes.',
  }),
  makeCounterProvider({
    name: API_METRIC.fencingRejections,
    help: 'Changes the store refused because their fencing token was stale.',
  }),
];
