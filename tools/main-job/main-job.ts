import { MainJobOptions, parseCliArgs, USAGE } from './cli-args';
import { runMainJob } from './run-main-job';
import { Stack } from './stack/stack';

/**
 * Runs many clients against two memory-api processes that share one Redis, then checks that
 * every instance holds exactly what the acknowledged changes say it should.
 *
 * Exit codes: 0 consistent, 1 inconsistent, 2 could not run, 130 interrupted.
 */
async function main(): Promise<number> {
  let options: MainJobOptions | 'help';
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }

  const stack = new Stack();
  const abort = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (abort.signal.aborted) {
      stack.killNow();
      process.exit(130);
    }
    console.error(`\n${name}: stopping the clients and every process the job started`);
    abort.abort(new Error(`interrupted by ${name}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', () => stack.killNow());

  try {
    const passed = await runMainJob(options, stack, abort.signal);
    return passed ? 0 : 1;
  } catch (error) {
    if (abort.signal.aborted) return 130;
    console.error(`main job could not run: ${(error as Error).stack ?? error}`);
    return 2;
  } finally {
    await stack.stop();
  }
}

main().then((code) => process.exit(code));
