/**
 * Keeps memory-api replicas busy for a while, so that a live scrape for the dashboard preview has
 * something to show: concurrent clients append messages (mostly), read pages and flush, spread
 * over the replicas and over a few memory instances, with fewer instances (more contention on
 * their locks) every other 10 s. It stops by itself.
 *
 * Usage: npx ts-node --transpile-only tools/ops/preview-load.ts [options]
 *   --url <base>        a replica's base URL (repeat; default http://127.0.0.1:3000 and :3001)
 *   --duration <s>      how long to run (default 40)
 *   --clients <n>       concurrent clients (default 16)
 */
const WORDS = 'the lock hands the memory to the next waiter in arrival order while the lease runs';

interface Options {
  urls: string[];
  durationS: number;
  clients: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { urls: [], durationS: 40, clients: 16 };

  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--url' && value) options.urls.push(value.replace(/\/$/, ''));
    else if (flag === '--duration' && value) options.durationS = Number(value);
    else if (flag === '--clients' && value) options.clients = Number(value);
    else throw new Error(`bad argument ${flag}`);
  }

  if (options.urls.length === 0) options.urls = ['http://127.0.0.1:3000', 'http://127.0.0.1:3001'];
  return options;
}

function request(base: string, id: string, step: number): Promise<Response> {
  const url = `${base}/memories/${id}`;
  const json = { 'content-type': 'application/json' };

  if (step % 10 < 7) {
    const words = WORDS.split(' ');
    const content = Array.from({ length: 5 + (step % 40) }, (_, k) => words[k % words.length]);
    const message = { role: 'user', content: content.join(' ') };
    return fetch(`${url}/messages`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ messages: [message] }),
    });
  }
  if (step % 10 < 9) return fetch(`${url}?limit=10`);
  return fetch(`${url}/flush`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ maxMessages: 50 }),
  });
}

async function client(options: Options, n: number, end: number, counts: Map<number, number>) {
  for (let step = 0; Date.now() < end; step++) {
    const instances = Math.floor(Date.now() / 10_000) % 2 === 0 ? 3 : 12;
    const base = options.urls[(n + step) % options.urls.length];
    const response = await request(base, `preview-${(n * 7 + step) % instances}`, step);
    await response.arrayBuffer();
    counts.set(response.status, (counts.get(response.status) ?? 0) + 1);
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const end = Date.now() + options.durationS * 1000;
  const counts = new Map<number, number>();

  console.log(
    `preview-load: ${options.clients} clients on ${options.urls.join(', ')} for ${options.durationS}s`,
  );
  await Promise.all(
    Array.from({ length: options.clients }, (_, n) => client(options, n, end, counts)),
  );

  const summary = [...counts].map(([status, count]) => `${status}: ${count}`).join(', ');
  console.log(`preview-load: done; responses by status: ${summary}`);
}

main().catch((error: unknown) => {
  console.error(`preview-load: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
