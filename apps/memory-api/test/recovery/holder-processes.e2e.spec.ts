import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DistributedLockService } from '@memory-lock/core';
import { RedisServer } from '@memory-lock/redis-testing';
import request from 'supertest';
import { ScriptProcess } from '@memory-lock/redis-testing';
import { delay, snapshot, startTestApp, user } from '../support/test-app';

/** Lease of the other process's lock. */
const LEASE_MS = 1_500;
/** How much later than the end of a dead holder's lease the next waiter may get the lock. */
const HANDOVER_BOUND_MS = 1_000;

describe('another process holds a memory lock, then dies or freezes (e2e, real redis-server)', () => {
  let server: RedisServer;
  let app: NestExpressApplication;
  let http: ReturnType<NestExpressApplication['getHttpServer']>;
  let holder: ScriptProcess | undefined;

  beforeAll(async () => {
    server = await RedisServer.start();
    app = await startTestApp({ redisUrl: server.url, lockWaitTimeoutMs: 5_000 });
    http = app.getHttpServer();
  });

  afterEach(async () => {
    await holder?.stop();
    holder = undefined;
  });

  afterAll(async () => {
    await app?.close();
    await server?.dispose();
  });

  const HOLDER_SCRIPT = join(__dirname, '../workers/memory-lock-holder.ts');

  const startHolder = (id: string) =>
    new ScriptProcess(HOLDER_SCRIPT, 'apps/memory-api/tsconfig.spec.json', {
      REDIS_URL: server.url,
      MEMORY_ID: id,
      TTL_MS: String(LEASE_MS),
      MEMORY_KEY_PREFIX: 'memapi',
    });

  it('frees the lock of a holder killed with SIGKILL when its lease ends; the next waiter gets it', async () => {
    holder = startHolder('dead-holder');
    const granted = await holder.next('granted');
    // The lease started a little before this line reached us, so this bound is a little generous.
    const grantedAt = performance.now();

    holder.signal('SIGKILL');
    expect(await holder.exited).toBe('SIGKILL');
    const locks = app.get(DistributedLockService);
    expect(await locks.inspect('memory:dead-holder')).toMatchObject({
      held: true,
      fencingToken: granted.fencingToken,
    });

    const res = await request(http)
      .post('/memories/dead-holder/messages')
      .send({ messages: [user('after the holder died')] })
      .expect(201);
    const handedOverMs = performance.now() - grantedAt;

    expect(res.body.fencingToken).toBeGreaterThan(granted.fencingToken as number);
    expect(handedOverMs).toBeLessThan(LEASE_MS + HANDOVER_BOUND_MS);
  });

  it('refuses the late write of a holder frozen (SIGSTOP) past its lease; the newer append stays', async () => {
    holder = startHolder('frozen-holder');
    const granted = await holder.next('granted');
    holder.signal('SIGSTOP');

    // The app waits for the frozen holder's lease to end, then appends with a newer token.
    const appended = await request(http)
      .post('/memories/frozen-holder/messages')
      .send({ messages: [user('written by the app')] })
      .expect(201);
    expect(appended.body.fencingToken).toBeGreaterThan(granted.fencingToken as number);
    const before = await snapshot(app, 'frozen-holder');

    holder.signal('SIGCONT');
    await delay(50);
    holder.send('write written by the frozen holder');
    const late = await holder.next('wrote', 'refused');

    expect(late).toMatchObject({ event: 'refused', error: 'StaleFencingTokenError', lost: true });
    expect(late.message).toContain(
      `fencing token ${granted.fencingToken} is lower than ${appended.body.fencingToken}`,
    );
    const after = await snapshot(app, 'frozen-holder');
    expect(after).toEqual(before);
    expect(after.page.messages.map((m: { content: string }) => m.content)).toEqual([
      'written by the app',
    ]);
    expect(after.stats.lastFencingToken).toBe(appended.body.fencingToken);
    expect(await holder.exited).toBe(0);
  });
});
