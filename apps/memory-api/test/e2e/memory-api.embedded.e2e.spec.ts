import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { startTestApp, user } from '../support/test-app';
import { behavesLikeTheMemoryApi, E2E_LOCK_WAIT_TIMEOUT_MS } from './memory-api.behaviour';

describe('memory-api on the embedded default, without REDIS_URL (e2e)', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await startTestApp({ lockWaitTimeoutMs: E2E_LOCK_WAIT_TIMEOUT_MS });
  });

  afterAll(async () => {
    await app?.close();
  });

  behavesLikeTheMemoryApi(() => app);

  it('reports the embedded backends when ready', async () => {
    const res = await request(app.getHttpServer()).get('/health/ready').expect(200);

    expect(res.body.details.store).toEqual({
      status: 'up',
      backend: 'in-memory (embedded, single process)',
      pingMs: expect.any(Number),
    });
    expect(res.body.details.lock).toMatchObject({ status: 'up', backend: 'in-memory' });
  });

  it('keeps every message of concurrent appends exactly once', async () => {
    const http = app.getHttpServer();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        request(http)
          .post('/memories/busy/messages')
          .send({ messages: [user(`m${i}`)] })
          .expect(201),
      ),
    );

    const res = await request(http).get('/memories/busy?limit=1000').expect(200);
    const contents = res.body.messages.map((m: { content: string }) => m.content).sort();
    expect(contents).toEqual(Array.from({ length: 40 }, (_, i) => `m${i}`).sort());
    expect(res.body.messageCount).toBe(40);
  });
});

describe('memory-api with a small MAX_BODY_BYTES (e2e)', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await startTestApp({ maxBodyBytes: 256 });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('takes the limit from its configuration', async () => {
    const http = app.getHttpServer();
    await request(http)
      .post('/memories/small/messages')
      .send({ messages: [user('fits')] })
      .expect(201);

    const res = await request(http)
      .post('/memories/small/messages')
      .send({ messages: [user('y'.repeat(300))] })
      .expect(413);

    expect(res.body.message).toBe('request body is larger than MAX_BODY_BYTES (256 bytes)');
    const stats = await request(http).get('/memories/small/stats').expect(200);
    expect(stats.body.messageCount).toBe(1);
    const metrics = await request(http).get('/metrics').expect(200);
    expect(metrics.text).toContain(
      'memory_api_http_requests_total{route="unmatched",method="POST",status="413"}',
    );
  });
});
