import { NestExpressApplication } from '@nestjs/platform-express';
import { DistributedLockService, LockLostError, lockKeys } from '@memory-lock/core';
import { RedisServer } from '@memory-lock/redis-testing';
import { Redis } from 'ioredis';
import request from 'supertest';
import { CapturedLogs } from '../support/captured-logs';
import { eventually, startTestApp, user } from '../support/test-app';

const ADMIN_TOKEN = 'admin-token-never-logged-7f3a';
const REDIS_PASSWORD = 'redis-password-never-logged-91c';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('admin lock routes (e2e)', () => {
  describe('when ADMIN_ENABLED is not set', () => {
    let app: NestExpressApplication;

    beforeAll(async () => {
      app = await startTestApp();
    });

    afterAll(async () => {
      await app?.close();
    });

    it.each(['get', 'delete'] as const)('answers %s with 404, token or not', async (method) => {
      const http = app.getHttpServer();

      await request(http)[method]('/admin/locks/memory:1').expect(404);
      await request(http)[method]('/admin/locks/memory:1').set(bearer(ADMIN_TOKEN)).expect(404);
    });
  });

  describe('when enabled, over Redis with a password', () => {
    let server: RedisServer;
    let inspector: Redis;
    let app: NestExpressApplication;
    let http: ReturnType<NestExpressApplication['getHttpServer']>;
    let locks: DistributedLockService;
    const logs = new CapturedLogs();

    beforeAll(async () => {
      server = await RedisServer.start({ args: ['--requirepass', REDIS_PASSWORD] });
      const url = `redis://:${REDIS_PASSWORD}@127.0.0.1:${server.port}`;
      inspector = new Redis(url);
      app = await startTestApp(
        { redisUrl: url, adminEnabled: true, adminToken: ADMIN_TOKEN, lockWaitTimeoutMs: 5_000 },
        logs,
      );
      http = app.getHttpServer();
      locks = app.get(DistributedLockService);
    });

    afterAll(async () => {
      await app?.close();
      inspector?.disconnect();
      await server?.dispose();
      // Checked last, over everything this app logged: start-up, refusals, force releases.
      expect(logs.lines.length).toBeGreaterThan(0);
      expect(logs.text).not.toContain(ADMIN_TOKEN);
      expect(logs.text).not.toContain(REDIS_PASSWORD);
      expect(logs.text).not.toContain('wrong-token');
    });

    it('answers 401 without an Authorization header, and says what to send', async () => {
      const res = await request(http).get('/admin/locks/memory:1').expect(401);

      expect(res.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        code: 'ADMIN_TOKEN_MISSING',
        message: 'admin routes need the header Authorization: Bearer <ADMIN_TOKEN>',
      });
      expect(res.headers['www-authenticate']).toBe('Bearer realm="memory-api admin"');
      await request(http).delete('/admin/locks/memory:1').expect(401);
    });

    it.each([
      ['a wrong token', `Bearer wrong-token-of-some-length`],
      ['a wrong token of the same length', `Bearer ${'x'.repeat(ADMIN_TOKEN.length)}`],
      ['a prefix of the token', `Bearer ${ADMIN_TOKEN.slice(0, -1)}`],
      ['the token with more after it', `Bearer ${ADMIN_TOKEN}x`],
      ['the token as Basic credentials', `Basic ${ADMIN_TOKEN}`],
      ['the token without a scheme', ADMIN_TOKEN],
      ['an empty Bearer', 'Bearer '],
    ])('answers 401 to %s, without echoing it', async (_, header) => {
      for (const method of ['get', 'delete'] as const) {
        const res = await request(http)
          [method]('/admin/locks/memory:1')
          .set('Authorization', header)
          .expect(401);
        expect(res.body.code).toBe('ADMIN_TOKEN_INVALID');
        expect(res.text).not.toContain(ADMIN_TOKEN.slice(0, 8));
      }
    });

    it('inspects a lock: held, remaining lease, fencing token, waiters', async () => {
      const free = await request(http)
        .get('/admin/locks/memory:inspected')
        .set(bearer(ADMIN_TOKEN))
        .expect(200);
      expect(free.body).toEqual({
        name: 'memory:inspected',
        held: false,
        remainingMs: 0,
        fencingToken: 0,
        waiters: 0,
      });

      const held = await locks.acquire('memory:inspected', { kind: 'memory', ttlMs: 10_000 });
      try {
        const res = await request(http)
          .get('/admin/locks/memory:inspected')
          .set(bearer(ADMIN_TOKEN))
          .expect(200);
        expect(res.body).toMatchObject({ name: 'memory:inspected', held: true, waiters: 0 });
        expect(res.body.fencingToken).toBe(held.fencingToken);
        expect(res.body.remainingMs).toBeGreaterThan(9_000);
        expect(res.body.remainingMs).toBeLessThanOrEqual(10_000);
      } finally {
        await held.release();
      }
    });

    it('force-releases a held lock: the waiter gets it, the holder is told, the fence stays', async () => {
      const name = 'memory:forced';
      const holder = await locks.acquire(name, { kind: 'memory', ttlMs: 1_500 });
      const fenceKey = lockKeys('memlock', name).fence;
      const waiting = request(http)
        .post('/memories/forced/messages')
        .send({ messages: [user('after the force release')] })
        .then((res) => res);
      await eventually(async () => {
        const res = await request(http).get(`/admin/locks/${name}`).set(bearer(ADMIN_TOKEN));
        expect(res.body.waiters).toBe(1);
      });

      const res = await request(http)
        .delete(`/admin/locks/${name}`)
        .set(bearer(ADMIN_TOKEN))
        .expect(200);

      expect(res.body).toEqual({ name, released: true, fencingToken: holder.fencingToken });
      const appended = await waiting;
      expect(appended.status).toBe(201);
      expect(appended.body.fencingToken).toBe(holder.fencingToken + 1);
      expect(Number(await inspector.get(fenceKey))).toBe(holder.fencingToken + 1);
      await eventually(async () => {
        expect(holder.signal.reason).toBeInstanceOf(LockLostError);
      }, 2_000);
      expect(logs.matching(/^Lock "memory:forced" force-released/, 'ForceRelease')).toHaveLength(1);
    });

    it('answers released: false for a lock nobody holds', async () => {
      const res = await request(http)
        .delete('/admin/locks/memory:nobody')
        .set(bearer(ADMIN_TOKEN))
        .expect(200);

      expect(res.body).toEqual({ name: 'memory:nobody', released: false, fencingToken: 0 });
    });

    it('refuses a name the lock refuses, before touching Redis', async () => {
      const long = `memory:${'x'.repeat(520)}`;

      for (const method of ['get', 'delete'] as const) {
        const res = await request(http)
          [method](`/admin/locks/${long}`)
          .set(bearer(ADMIN_TOKEN))
          .expect(400);
        expect(res.body.code).toBe('INVALID_LOCK_OPTIONS');
      }
    });
  });

  describe('when enabled on the embedded default', () => {
    let app: NestExpressApplication;

    beforeAll(async () => {
      app = await startTestApp({ adminEnabled: true, adminToken: ADMIN_TOKEN });
    });

    afterAll(async () => {
      await app?.close();
    });

    it('inspects and force-releases the embedded lock too, keeping its fencing token', async () => {
      const http = app.getHttpServer();
      await request(http).get('/admin/locks/memory:embedded').set(bearer(ADMIN_TOKEN)).expect(200, {
        name: 'memory:embedded',
        held: false,
        remainingMs: 0,
        fencingToken: 0,
        waiters: 0,
      });

      const locks = app.get(DistributedLockService);
      const stuck = await locks.acquire('memory:embedded', { ttlMs: 60_000 });
      await request(http)
        .delete('/admin/locks/memory:embedded')
        .set(bearer(ADMIN_TOKEN))
        .expect(200, { name: 'memory:embedded', released: true, fencingToken: stuck.fencingToken });
      const next = await locks.acquire('memory:embedded', { waitTimeoutMs: 0 });
      expect(next.fencingToken).toBe(stuck.fencingToken + 1);
      await next.release();
      expect(await stuck.release()).toBe('expired');
    });
  });
});
