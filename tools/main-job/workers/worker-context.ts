import { ApiResult } from '../http/api-result';
import { MemoryApiClient } from '../http/memory-api.client';
import { Ledger, OpType } from '../ledger';
import { Rng } from '../rng';
import { Transcript } from '../transcripts';

/** What every client shares. */
export interface WorkerContext {
  /** One client per app process. */
  apis: MemoryApiClient[];
  instances: string[];
  ledger: Ledger;
  transcripts: Transcript[];
  /** False once the duration or the operation budget is spent, or the job was interrupted. */
  running(): boolean;
}

/** Spreads one worker's requests over the app processes in turn. */
export class ApiRotation {
  private next: number;

  constructor(
    private readonly apis: MemoryApiClient[],
    start: number,
  ) {
    this.next = start % apis.length;
  }

  take(): MemoryApiClient {
    const api = this.apis[this.next];
    this.next = (this.next + 1) % this.apis.length;
    return api;
  }
}

/** Runs one request, and counts it and its error kind in the ledger. */
export async function timed<T>(
  ledger: Ledger,
  type: OpType,
  call: () => Promise<ApiResult<T>>,
): Promise<ApiResult<T>> {
  const started = performance.now();
  const result = await call();
  ledger.op(type, performance.now() - started);
  if (!result.ok) ledger.error(result.kind);
  return result;
}

/**
 * Sends a change, and sends it again, to the next app process, while the lock wait times out:
 * such an answer means nothing was changed. Stops retrying once the run is over.
 */
export async function untilGranted<T>(
  ctx: WorkerContext,
  rotation: ApiRotation,
  rng: Rng,
  type: OpType,
  call: (api: MemoryApiClient) => Promise<ApiResult<T>>,
): Promise<ApiResult<T>> {
  for (;;) {
    const result = await timed(ctx.ledger, type, () => call(rotation.take()));
    if (result.ok || result.kind !== 'LOCK_TIMEOUT' || !ctx.running()) return result;
    await sleep(rng.int(5, 50));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function isInteger(value: unknown): value is number {
  return Number.isInteger(value);
}
