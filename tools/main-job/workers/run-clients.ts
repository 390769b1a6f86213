import { Rng } from '../rng';
import { runAppender } from './appender';
import { runFlusher } from './flusher';
import { runReader } from './reader';
import { WorkerContext } from './worker-context';

export interface Roles {
  appenders: number;
  flushers: number;
  readers: number;
}

/** About one client in six flushes and one in six reads; the rest append. Never zero appenders. */
export function splitRoles(clients: number): Roles {
  if (clients < 3) return { appenders: 1, flushers: clients - 1, readers: 0 };
  const flushers = Math.max(1, Math.round(clients / 6));
  const readers = Math.max(1, Math.round(clients / 6));
  return { appenders: clients - flushers - readers, flushers, readers };
}

/** Runs every client until `ctx.running()` turns false and each finished its request in flight. */
export async function runClients(ctx: WorkerContext, roles: Roles, rng: Rng): Promise<void> {
  const runs: Promise<void>[] = [];
  let client = 0;

  for (let i = 0; i < roles.appenders; i++) runs.push(runAppender(ctx, client++, rng.fork()));
  for (let i = 0; i < roles.flushers; i++) runs.push(runFlusher(ctx, client++, rng.fork()));
  for (let i = 0; i < roles.readers; i++) runs.push(runReader(ctx, client++, rng.fork()));

  await Promise.all(runs);
}
