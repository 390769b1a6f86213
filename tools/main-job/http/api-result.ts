import { Outcome } from '../history';

/** A 2xx answer, or what went wrong with the kind it is counted under. */
export type ApiResult<T> =
  | { ok: true; status: number; body: T }
  | {
      ok: false;
      kind: string;
      outcome: Exclude<Outcome, 'acked'>;
      status?: number;
      detail: string;
    };

/**
 * Answers that say the service changed nothing. The job holds the service to that: a message of
 * such a request that turns up in the store is an inconsistency.
 */
const REFUSED_CODES = new Set(['LOCK_TIMEOUT', 'LOCK_LOST', 'STALE_FENCING_TOKEN']);

/** Classifies a non-2xx answer: its kind (the error `code`, else `HTTP_<status>`) and outcome. */
export function classifyStatus(status: number, body: unknown): ApiResult<never> {
  const code = (body as { code?: unknown } | undefined)?.code;
  const kind = typeof code === 'string' && code !== '' ? code : `HTTP_${status}`;
  const detail = `${status} ${truncate(JSON.stringify(body) ?? '')}`;

  if (REFUSED_CODES.has(kind)) return { ok: false, kind, outcome: 'refused', status, detail };
  if (status >= 400 && status < 500 && status !== 408 && status !== 409) {
    return { ok: false, kind, outcome: 'refused', status, detail };
  }
  return { ok: false, kind, outcome: 'uncertain', status, detail };
}

/** Classifies a request that got no answer: it may or may not have been carried out. */
export function classifyFailure(error: unknown): ApiResult<never> {
  const name = (error as { name?: string } | undefined)?.name;
  const kind =
    name === 'TimeoutError' ? 'REQUEST_TIMEOUT' : name === 'AbortError' ? 'ABORTED' : 'NETWORK';
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
  return { ok: false, kind, outcome: 'uncertain', detail };
}

function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
