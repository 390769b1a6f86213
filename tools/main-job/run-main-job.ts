import { join, resolve } from 'node:path';
import { checkInstance } from './checker';
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

/**
 * Builds and starts the stack, runs the clients, checks every instance and prints the report.
 * Returns whether the run passed. `stack` is the caller's, so it can stop it on any exit.
 */
export async function runMainJob(
  options: MainJobOptions,
  stack: Stack,
  signal: AbortSignal,
): Promise<boolean> {
  const transcripts = loadTranscripts();
  const runId = `${Date.now().toString(36)}`;
  const instances = Array.from({ length: options.instances }, (_, i) => `mj-${runId}-${i}`);
  const roles = splitRoles(options.clients);

  const entry = ensureAppBuilt(WORKSPACE_ROOT);
  await stack.start({
    entry,
    redisUrl: options.redisUrl,
    appCount: 2,
    logDir: join(WORKSPACE_ROOT, 'tmp', 'main-job', runId),
    env: appEnv(options),
  });
  signal.throwIfAborted();
  const apis = stack.apps.map((app) => new MemoryApiClient(app.url, REQUEST_TIMEOUT_MS, signal));

  const ledger = new Ledger(instances);
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
  await runClients({ apis, instances, ledger, transcripts, running }, roles, new Rng(options.seed));
  stopProgress();
  const elapsedS = (Date.now() - started) / 1000;
  signal.throwIfAborted();

  const appFailures = stack.apps
    .filter((app) => !app.running)
    .map(
      (app) =>
        `${app.name} ended while the clients ran (${app.exitDescription}); log ${app.logFile}`,
    );
  const verdicts = [];
  if (appFailures.length === 0) {
    console.log('clients stopped; reading every instance back');
    for (const id of instances) {
      const final = await readFinalState(apis, id);
      verdicts.push(checkInstance(ledger.histories.get(id)!, final, countTokens));
    }
  }
  const lockMetrics = await readLockMetrics(apis);
  if (options.redisUrl) await clearInstances(apis[0], instances);

  const header =
    `run: seed ${options.seed}, ${options.clients} clients (${roles.appenders} append, ` +
    `${roles.flushers} flush, ${roles.readers} read), ${instances.length} instances, ` +
    `2 app processes, Redis ${options.redisUrl ? 'given' : 'started by the job'}`;
  const report = formatReport({ header, elapsedS, ledger, verdicts, lockMetrics, appFailures });
  console.log(report.text);
  return report.passed;
}

function appEnv(options: MainJobOptions): Record<string, string> {
  const env: Record<string, string> = {};
  // On a Redis the user owns, keep the job's keys apart from anything already there.
  if (options.redisUrl) env.MEMORY_KEY_PREFIX = 'memapi-main-job';
  if (options.lockWaitTimeoutMs !== undefined)
    env.LOCK_WAIT_TIMEOUT_MS = String(options.lockWaitTimeoutMs);
  return env;
}

async function readLockMetrics(apis: MemoryApiClient[]): Promise<LockMetrics | undefined> {
  const answers = await Promise.all(apis.map((api) => api.text('/metrics')));
  if (answers.some((answer) => answer?.status !== 200)) return undefined;
  return sumLockMetrics(answers.map((answer) => answer!.text));
}

/** Removes what the job wrote to a Redis the user owns. */
async function clearInstances(api: MemoryApiClient, instances: string[]): Promise<void> {
  for (const id of instances) {
    const result = await api.clear(id);
    if (!result.ok) console.warn(`could not clear ${id}: ${result.kind} ${result.detail}`);
  }
}
