import { NestExpressApplication } from '@nestjs/platform-express';
import { RedisServer } from '@memory-lock/redis-testing';
import { Redis } from 'ioredis';
import request from 'supertest';
import { eventually, startTestApp, user } from '../support/test-app';
import { behavesLikeTheMemoryApi, E2E_LOCK_WAIT_TIMEOUT_MS } from './memory-api.behaviour';

describe('memory-api over Redis (e2e)', () => {
  let server: RedisServer;
  let inspector: Redis;
  let app: NestExpressApplication;

  beforeAll(async () => {
    server = await RedisServer.start();
    inspector = new Redis(server.url);
    app = await startTestApp({
      redisUrl: server.url,
      lockWaitTimeoutMs: E2E_LOCK_WAIT_TIMEOUT_MS,
      memoryKeyPrefix: 'e2e',
    });
  });

  afterAll(async () => {
    await app?.close();
    inspector?.disconnect();
    await server?.dispose();
  });

  behavesLikeTheMemoryApi(() => app);

  it('keeps the memory in Redis under MEMORY_KEY_PREFIX, and counts that match a recount', async () => {
    await request(app.getHttpServer())
      .post('/memories/stored/messages')
      .send({ messages: [user('hello world'), user('again')] })
      .expect(201);

    const meta = await inspector.hgetall('e2e:memory:{stored}:meta');
    const list = await inspector.lrange('e2e:memory:{stored}:messages', 0, -1);
    expect(meta).toMatchObject({ messageCount: '2', tokenCount: '3', lastSeq: '2' });
    expect(list.map((raw) => JSON.parse(raw).tokens)).toEqual([2, 1]);
    expect(Number(meta.fence)).toBeGreaterThan(0);
  });

  it('reports the Redis backends when ready', async () => {
    const res = await request(app.getHttpServer()).get('/health/ready').expect(200);

    expect(res.body.status).toBe('ok');
    expect(res.body.details.store).toMatchObject({ status: 'up', backend: 'redis' });
    expect(res.body.details.lock).toMatchObject({ status: 'up', backend: 'redis' });
  });

  // Last: it stops the server.
  it('answers 503 while Redis is down, stays live, and recovers', async () => {
    const http = app.getHttpServer();
    await server.kill();

    const ready = await request(http).get('/health/ready').expect(503);
    expect(ready.body.status).toBe('error');
    expect(ready.body.details.store).toMatchObject({ status: 'down', backend: 'redis' });
    await request(http).get('/health/live').expect(200);

    const read = await request(http).get('/memories/stored').expect(503);
    expect(read.body).toMatchObject({ statusCode: 503, code: 'STORE_UNAVAILABLE' });
    const write = await request(http)
      .post('/memories/stored/messages')
      .send({ messages: [user('during the outage')] })
      .expect(503);
    expect(write.body).toMatchObject({ statusCode: 503 });
    expect(['LOCK_BACKEND_UNAVAILABLE', 'STORE_UNAVAILABLE']).toContain(write.body.code);

    await server.restart();
    await eventually(async () => {
      await request(http).get('/health/ready').expect(200);
    }, 10_000);
    await request(http)
      .post('/memories/stored/messages')
      .send({ messages: [user('after the outage')] })
      .expect(201);
  });
});
