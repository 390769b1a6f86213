import { AppendAttempt, FlushAttempt, InstanceHistory } from './history';

export type OpType = 'append' | 'flush' | 'read' | 'stats';
export const OP_TYPES: OpType[] = ['append', 'flush', 'read', 'stats'];

/** Error kinds that a busy but healthy run is expected to see; the job retries them. */
export const EXPECTED_ERROR_KINDS = new Set(['LOCK_TIMEOUT']);

/** Everything the clients did and saw, kept while they run. */
export class Ledger {
  readonly histories = new Map<string, InstanceHistory>();
  readonly ops = new Map<OpType, number>(OP_TYPES.map((type) => [type, 0]));
  readonly latenciesMs = new Map<OpType, number[]>(OP_TYPES.map((type) => [type, []]));
  readonly errors = new Map<string, number>();
  /** Answers that broke the HTTP contract or an invariant a reader can see on its own. */
  readonly anomalies: string[] = [];
  messagesAcked = 0;

  constructor(instances: string[]) {
    for (const id of instances) this.histories.set(id, { id, appends: [], flushes: [] });
  }

  get totalOps(): number {
    let total = 0;
    for (const count of this.ops.values()) total += count;
    return total;
  }

  /** An answered request, successful or not, with how long it took. */
  op(type: OpType, elapsedMs: number): void {
    this.ops.set(type, (this.ops.get(type) ?? 0) + 1);
    this.latenciesMs.get(type)?.push(elapsedMs);
  }

  error(kind: string): void {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
  }

  anomaly(text: string): void {
    if (this.anomalies.length < 1000) this.anomalies.push(text);
  }

  append(instance: string, attempt: AppendAttempt): void {
    this.history(instance).appends.push(attempt);
    if (attempt.outcome === 'acked') this.messagesAcked += attempt.messages.length;
  }

  flush(instance: string, attempt: FlushAttempt): void {
    this.history(instance).flushes.push(attempt);
  }

  unexpectedErrors(): [string, number][] {
    return [...this.errors].filter(([kind]) => !EXPECTED_ERROR_KINDS.has(kind));
  }

  private history(instance: string): InstanceHistory {
    const history = this.histories.get(instance);
    if (!history) throw new Error(`unknown instance ${instance}`);
    return history;
  }
}
