import { InstanceVerdict, Problem } from './checker';
import { Ledger, OP_TYPES } from './ledger';
import { LockMetrics } from './lock-metrics';

export interface RunSummary {
  header: string;
  elapsedS: number;
  ledger: Ledger;
  verdicts: InstanceVerdict[];
  lockMetrics?: LockMetrics;
  /** App processes that ended while the clients ran. */
  appFailures: string[];
  /** Instances that could not be read back at the end. */
  readFailures: string[];
}

/** Problems shown per kind and instance; the rest are counted. */
const SHOWN_PER_KIND = 3;

/** The report text and whether the run passed. */
export function formatReport(run: RunSummary): { text: string; passed: boolean } {
  const { ledger } = run;
  const unexpected = ledger.unexpectedErrors();
  const failures = [
    ...run.verdicts.filter((v) => !v.ok).map((v) => `instance ${v.id} is inconsistent`),
    ...unexpected.map(([kind, count]) => `${count} unexpected ${kind} answers`),
    ...(ledger.anomalies.length > 0
      ? [`${ledger.anomalies.length} answers broke the contract`]
      : []),
    ...run.appFailures,
    ...run.readFailures,
  ];

  const lines = [
    '',
    '== main job report ==',
    run.header,
    operationsLine(ledger, run.elapsedS),
    ...latencyLines(ledger),
    errorsLine(ledger),
    ...lockLines(run.lockMetrics),
    ...anomalyLines(ledger.anomalies),
    'instances:',
    ...run.verdicts.flatMap(verdictLines),
    ...run.appFailures.map((failure) => `app: ${failure}`),
    ...run.readFailures.map((failure) => `read: ${failure}`),
    failures.length === 0
      ? 'verdict: CONSISTENT (every acknowledged change accounted for, counts match a recount)'
      : `verdict: FAILED (${failures.join('; ')})`,
  ];
  return { text: lines.join('\n'), passed: failures.length === 0 };
}

function operationsLine(ledger: Ledger, elapsedS: number): string {
  const byType = OP_TYPES.map((type) => `${type} ${ledger.ops.get(type)}`).join(', ');
  const rate = ledger.totalOps / Math.max(elapsedS, 0.001);
  return (
    `operations: ${ledger.totalOps} in ${elapsedS.toFixed(1)} s (${rate.toFixed(0)}/s): ${byType}; ` +
    `${ledger.messagesAcked} messages acknowledged`
  );
}

function latencyLines(ledger: Ledger): string[] {
  const parts = OP_TYPES.flatMap((type) => {
    const sorted = [...(ledger.latenciesMs.get(type) ?? [])].sort((a, b) => a - b);
    if (sorted.length === 0) return [];
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return [`${type} p50 ${ms(at(0.5))} p99 ${ms(at(0.99))} max ${ms(sorted[sorted.length - 1])}`];
  });
  return parts.length > 0 ? [`latency: ${parts.join('; ')}`] : [];
}

function errorsLine(ledger: Ledger): string {
  if (ledger.errors.size === 0) return 'errors: none';
  const kinds = [...ledger.errors].map(([kind, count]) =>
    kind === 'LOCK_TIMEOUT' ? `${kind} ${count} (retried)` : `${kind} ${count}`,
  );
  return `errors: ${kinds.join(', ')}`;
}

function lockLines(metrics: LockMetrics | undefined): string[] {
  if (!metrics) return ['lock metrics: not read'];
  const format = (map: Map<string, number>) =>
    map.size === 0 ? 'none' : [...map].map(([key, value]) => `${key} ${value}`).join(', ');
  return [
    `lock metrics (both apps): acquire ${format(metrics.acquire)}; lost ${format(metrics.lost)}`,
  ];
}

function anomalyLines(anomalies: string[]): string[] {
  if (anomalies.length === 0) return [];
  const shown = anomalies.slice(0, 10).map((text) => `  - ${text}`);
  const more = anomalies.length > 10 ? [`  … and ${anomalies.length - 10} more`] : [];
  return ['answers that broke the contract:', ...shown, ...more];
}

function verdictLines(verdict: InstanceVerdict): string[] {
  const s = verdict.summary;
  const extra = [
    s.unconfirmedTrims > 0 ? `, ${s.unconfirmedTrims} gone by an unanswered flush` : '',
    s.uncertainPresent > 0 ? `, ${s.uncertainPresent} unanswered appends landed` : '',
  ].join('');
  const head =
    `  ${verdict.id}: ${verdict.ok ? 'OK' : 'INCONSISTENT'} - ${s.ackedMessages} acked, ` +
    `${s.presentMessages} present, ${s.trimmedMessages} trimmed${extra}, ${s.tokenCount} tokens`;
  return [head, ...problemLines(verdict.problems)];
}

function problemLines(problems: Problem[]): string[] {
  const byKind = new Map<string, string[]>();
  for (const problem of problems) {
    const details = byKind.get(problem.kind) ?? [];
    details.push(problem.detail);
    byKind.set(problem.kind, details);
  }
  return [...byKind].flatMap(([kind, details]) => [
    `      ${kind} x${details.length}`,
    ...details.slice(0, SHOWN_PER_KIND).map((detail) => `        ${detail}`),
  ]);
}

function ms(value: number): string {
  return `${value.toFixed(0)}ms`;
}
