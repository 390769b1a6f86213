import { Role } from '../transcripts';
import { ApiResult, classifyFailure, classifyStatus } from './api-result';

export interface OutgoingMessage {
  role: Role;
  content: string;
  metadata?: Record<string, unknown>;
}

export interface ApiMessage {
  seq: number;
  role: string;
  content: string;
  metadata?: Record<string, unknown>;
  tokens: number;
  createdAt?: string;
}

export interface AppendAnswer {
  id: string;
  appended: number;
  messageCount: number;
  tokenCount: number;
  fencingToken: number;
  messages: ApiMessage[];
}

export interface PageAnswer {
  id: string;
  messageCount: number;
  tokenCount: number;
  limit: number;
  offset: number;
  messages: ApiMessage[];
}

export interface FlushBudget {
  maxTokens?: number;
  maxMessages?: number;
}

export interface FlushAnswer {
  id: string;
  trimmedMessages: number;
  trimmedTokens: number;
  trimmedSeqs: number[];
  messageCount: number;
  tokenCount: number;
}

export interface StatsAnswer {
  id: string;
  messageCount: number;
  tokenCount: number;
  lastSeq: number;
  lastFencingToken: number;
}

/** The memory-api routes the job uses, over plain HTTP on one base URL. */
export class MemoryApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs: number,
    private readonly signal?: AbortSignal,
  ) {}

  append(id: string, messages: OutgoingMessage[]): Promise<ApiResult<AppendAnswer>> {
    return this.request('POST', `/memories/${encodeURIComponent(id)}/messages`, { messages });
  }

  page(id: string, offset: number, limit: number): Promise<ApiResult<PageAnswer>> {
    const query = `?offset=${offset}&limit=${limit}`;
    return this.request('GET', `/memories/${encodeURIComponent(id)}${query}`);
  }

  flush(id: string, budget: FlushBudget): Promise<ApiResult<FlushAnswer>> {
    return this.request('POST', `/memories/${encodeURIComponent(id)}/flush`, budget);
  }

  stats(id: string): Promise<ApiResult<StatsAnswer>> {
    return this.request('GET', `/memories/${encodeURIComponent(id)}/stats`);
  }

  clear(id: string): Promise<ApiResult<unknown>> {
    return this.request('DELETE', `/memories/${encodeURIComponent(id)}`);
  }

  /** Text of a GET, such as `/metrics` or `/health/ready`. */
  async text(path: string): Promise<{ status: number; text: string } | undefined> {
    try {
      const response = await fetch(this.baseUrl + path, { signal: this.requestSignal() });
      return { status: response.status, text: await response.text() };
    } catch {
      return undefined;
    }
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: this.requestSignal(),
      });
      text = await response.text();
    } catch (error) {
      return classifyFailure(error);
    }

    const parsed = parseJson(text);
    if (response.status >= 200 && response.status < 300) {
      return { ok: true, status: response.status, body: parsed as T };
    }
    return classifyStatus(response.status, parsed ?? text);
  }

  private requestSignal(): AbortSignal {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    return this.signal ? AbortSignal.any([this.signal, timeout]) : timeout;
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
