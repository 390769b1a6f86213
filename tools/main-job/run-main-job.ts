import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkInstance, InstanceVerdict } from './checker';
import { MainJobOptions } from './cli-args';
import { readFinalState } from './final-read';
import { MemoryApiClient } from './http/memory-api.client';
import { Ledger } from './ledger';
import { LockMetrics, sumLockMetrics } from './lock-metrics';
import { startProgress } from './progress';
import { formatReport } from './report';
import { Rng } from './rng';
import { ensureAppBuilt } from './stack/app-build';
import { Stack } from './stack/stack';
import { countTokens } from './token-count';
import { loadTranscripts } from './transcripts';
import { runClients, splitRoles } from './workers/run-clients';

export const WORKSPACE_ROOT = resolve(__dirname, '..', '..');

/** Longer than the app's lock wait, so a slow answer still arrives as an answer. */
const REQUEST_TIMEOUT_MS = 30_000;
const APP_LOCK_WAIT_TIMEOUT_MS = 10_000;

/**
 * Builds and starts the stack, runs the clients, checks every instance and prints the report.
 * Returns whether the run passed. `stack` is the caller's, so it can stop it on any exit.
 */
export async function runMainJob(
  options: MainJobOptions,
  stack: Stack,
  signal: AbortSignal,
): Promise<boolean> {
  const runId = Date.now().toString(36);
  const instances = Array.from({ length: options.instances }, (_, i) => `mj-${runId}-${i}`);

  const apis = await startStack(options, stack, runId, signal);
  const { ledger, elapsedS } = await runLoad(options, stack, apis, instances, signal);
  signal.throwIfAborted();

  const appFailures = stack.apps
    .filter((app) => !app.running)
    .map(
      (app) =>
        `${app.name} ended while the clients ran (${app.exitDescription}); log ${app.logFile}`,
    );
  const { verdicts, readFailures } =
    appFailures.length === 0
      ? await checkInstances(apis, ledger)
      : { verdicts: [], readFailures: [] };
  const lockMetrics = await readLockMetrics(apis, logDirOf(runId));
  if (options.redisUrl) await clearInstances(apis[0], instances);

  const report = formatReport({
    header: header(options),
    elapsedS,
    ledger,
    verdicts,
    lockMetrics,
    appFailures,
    readFailures,
  });
  console.log(report.text);
  return report.passed;
}

/** Builds the app when needed, starts Redis and two app processes; returns a client for each. */
async function startStack(
  options: MainJobOptions,
  stack: Stack,
  runId: string,
  signal: AbortSignal,
): Promise<MemoryApiClient[]> {
  const entry = ensureAppBuilt(WORKSPACE_ROOT);
  await stack.start({
    entry,
    redisUrl: options.redisUrl,
    appCount: 2,
    logDir: logDirOf(runId),
    env: appEnv(options),
  });
  signal.throwIfAborted();

  const lockWaitMs = options.lockWaitTimeoutMs ?? APP_LOCK_WAIT_TIMEOUT_MS;
  const timeoutMs = Math.max(REQUEST_TIMEOUT_MS, lockWaitMs + 20_000);
  return stack.apps.map((app) => new MemoryApiClient(app.url, timeoutMs, signal));
}

/** Runs the clients until the time or the operation budget is spent, printing progress. */
async function runLoad(
  options: MainJobOptions,
  stack: Stack,
  apis: MemoryApiClient[],
  instances: string[],
  signal: AbortSignal,
): Promise<{ ledger: Ledger; elapsedS: number }> {
  const ledger = new Ledger(instances);
  const roles = splitRoles(options.clients);
  const started = Date.now();
  const deadline = started + options.durationS * 1000;
  const running = () =>
    !signal.aborted &&
    Date.now() < deadline &&
    (options.maxOps === undefined || ledger.totalOps < options.maxOps) &&
    stack.apps.every((app) => app.running);

  console.log(
    `running ${roles.appenders} appenders, ${roles.flushers} flushers, ${roles.readers} readers ` +
      `on ${instances.length} instances for ${options.durationS} s (seed ${options.seed})`,
  );
  const stopProgress = startProgress(ledger);
  const ctx = { apis, instances, ledger, transcripts: loadTranscripts(), running };
  await runClients(ctx, roles, new Rng(options.seed));
  stopProgress();
  return { ledger, elapsedS: (Date.now() - started) / 1000 };
}

/** Reads every instance back once the clients stopped and checks it against their history. */
async function checkInstances(
  apis: MemoryApiClient[],
  ledger: Ledger,
): Promise<{ verdicts: InstanceVerdict[]; readFailures: string[] }> {
  console.log('clients stopped; reading every instance back');
  const verdicts: InstanceVerdict[] = [];
  const readFailures: string[] = [];

  for (const [id, history] of ledger.histories) {
    try {
      const final = await readFinalState(apis, id);
      verdicts.push(checkInstance(history, final, countTokens));
    } catch (error) {
      readFailures.push(`could not read ${id} back: ${(error as Error).message}`);
    }
  }
  return { verdicts, readFailures };
}

function header(options: MainJobOptions): string {
  const roles = splitRoles(options.clients);
  return (
    `run: seed ${options.seed}, ${options.clients} clients (${roles.appenders} append, ` +
    `${roles.flushers} flush, ${roles.readers} read), ${options.instances} instances, ` +
    `2 app processes, Redis ${options.redisUrl ? 'given' : 'started by the job'}`
  );
}

function appEnv(options: MainJobOptions): Record<string, string> {
  const env: Record<string, string> = {};
  // On a Redis the user owns, keep the job's keys apart from anything already there.
  if (options.redisUrl) env.MEMORY_KEY_PREFIX = 'memapi-main-job';
  if (options.lockWaitTimeoutMs !== undefined) {
    env.LOCK_WAIT_TIMEOUT_MS = String(options.lockWaitTimeoutMs);
  }
  return env;
}

function logDirOf(runId: string): string {
  return join(WORKSPACE_ROOT, 'tmp', 'main-job', runId);
}

/** Sums the lock counters of both apps; each app's scrape is kept in the run's folder. */
async function readLockMetrics(
  apis: MemoryApiClient[],
  logDir: string,
): Promise<LockMetrics | undefined> {
  const answers = await Promise.all(apis.map((api) => api.text('/metrics')));
  if (answers.some((answer) => answer?.status !== 200)) return undefined;
  answers.forEach((answer, i) =>
    writeFileSync(join(logDir, `metrics-app-${i + 1}.txt`), answer!.text),
  );
  return sumLockMetrics(answers.map((answer) => answer?.text ?? ''));
}

/** Removes what the job wrote to a Redis the user owns. */
async function clearInstances(api: MemoryApiClient, instances: string[]): Promise<void> {
  for (const id of instances) {
    const result = await api.clear(id);
    if (!result.ok) console.warn(`could not clear ${id}: ${result.kind} ${result.detail}`);
  }
}
