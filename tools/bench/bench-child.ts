import type { ChildReply, ChildRequest } from './child-host';
import { LocalHost } from './worker-host';

/** A child process of the lock bench: hosts some of the workers and runs what the parent asks. */
let host: LocalHost | undefined;

function reply(message: ChildReply): void {
  process.send?.(message);
}

process.on('message', (request: ChildRequest) => {
  handle(request).then(
    (value) => reply({ ok: true, value }),
    (error: unknown) => reply({ ok: false, error: (error as Error).stack ?? String(error) }),
  );
});

// The parent is gone (ended, or crashed): nothing is left to do here.
process.on('disconnect', () => {
  void host?.close().finally(() => process.exit(0));
  if (!host) process.exit(0);
});

async function handle(request: ChildRequest) {
  switch (request.type) {
    case 'start':
      host = await LocalHost.start(request.url, request.name, request.ids);
      return undefined;
    case 'run':
      if (!host) throw new Error('run before start');
      return host.run(request.lock, request.endAt, request.workMs);
    case 'close': {
      const closing = host;
      host = undefined;
      await closing?.close();
      // The parent disconnects once it has the answer; the process then ends.
      return undefined;
    }
  }
}
