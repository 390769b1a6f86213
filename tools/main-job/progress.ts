import { Ledger } from './ledger';

/** Prints one line every `everyMs`: elapsed time, operations, rate, errors by kind. */
export function startProgress(ledger: Ledger, everyMs = 2000): () => void {
  const started = Date.now();
  let lastOps = 0;
  let lastAt = started;

  const timer = setInterval(() => {
    const now = Date.now();
    const ops = ledger.totalOps;
    const rate = ((ops - lastOps) * 1000) / Math.max(1, now - lastAt);
    [lastOps, lastAt] = [ops, now];
    console.log(progressLine(ledger, (now - started) / 1000, ops, rate));
  }, everyMs);

  return () => clearInterval(timer);
}

export function progressLine(ledger: Ledger, elapsedS: number, ops: number, rate: number): string {
  const byType = [...ledger.ops].map(([type, count]) => `${type} ${count}`).join(', ');
  const errors = [...ledger.errors].map(([kind, count]) => `${kind}=${count}`).join(' ');
  return (
    `[${elapsedS.toFixed(1).padStart(5)}s] ops ${ops} (${rate.toFixed(0)}/s): ${byType}` +
    ` | errors ${errors || 'none'}`
  );
}
