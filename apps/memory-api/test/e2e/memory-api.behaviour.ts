import { DistributedLockService } from '@memory-lock/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { MEMORY_STORE, MemoryStore } from '../../src/memory/store/memory-store';
import { countTokens } from '../../src/memory/tokens/count-tokens';
import { snapshot, user } from '../support/test-app';
import { badRequests } from './bad-requests';

/** Settings the app under test must have been started with. */
export const E2E_LOCK_WAIT_TIMEOUT_MS = 300;

/**
 * The HTTP behaviour of the memory API, the same on every backend. `current()` returns an app
 * started with `lockWaitTimeoutMs: E2E_LOCK_WAIT_TIMEOUT_MS`.
 */
export function behavesLikeTheMemoryApi(current: () => NestExpressApplication): void {
  let app: NestExpressApplication;
  let http: ReturnType<NestExpressApplication['getHttpServer']>;
  let counter = 0;
  let id: string;

  beforeEach(() => {
    app = current();
    http = app.getHttpServer();
    counter += 1;
    id = `chat-${counter}.e2e`;
  });

  const append = (memoryId: string, messages: unknown[]) =>
    request(http).post(`/memories/${memoryId}/messages`).send({ messages });

  describe('POST /memories/:id/messages', () => {
    it('appends, counts tokens with cl100k_base and returns the messages with their seq', async () => {
      const res = await append(id, [
        { role: 'system', content: 'You are a helpful assistant.' },
        user('Hello, how are you today?', { metadata: { lang: 'en', tags: [] } }),
      ]).expect(201);

      expect(res.body).toEqual({
        id,
        appended: 2,
        messageCount: 2,
        tokenCount: countTokens('You are a helpful assistant.') + 7,
        fencingToken: expect.any(Number),
        messages: [
          {
            seq: 1,
            role: 'system',
            content: 'You are a helpful assistant.',
            tokens: countTokens('You are a helpful assistant.'),
            createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          },
          {
            seq: 2,
            role: 'user',
            content: 'Hello, how are you today?',
            metadata: { lang: 'en', tags: [] },
            tokens: 7,
            createdAt: expect.any(String),
          },
        ],
      });
      expect(res.body.fencingToken).toBeGreaterThan(0);

      const next = await append(id, [{ role: 'assistant', content: 'Fine.' }]).expect(201);
      expect(next.body.messages[0].seq).toBe(3);
      expect(next.body.fencingToken).toBeGreaterThan(res.body.fencingToken);
    });
  });

  describe('GET /memories/:id', () => {
    it('pages oldest first with limit 50 and offset 0 by default', async () => {
      await append(
        id,
        Array.from({ length: 60 }, (_, i) => user(`message ${i + 1}`)),
      ).expect(201);

      const first = await request(http).get(`/memories/${id}`).expect(200);
      expect(first.body).toMatchObject({ id, messageCount: 60, limit: 50, offset: 0 });
      expect(first.body.messages).toHaveLength(50);
      expect(first.body.messages[0]).toMatchObject({ seq: 1, content: 'message 1' });
      expect(first.body.messages[49]).toMatchObject({ seq: 50, content: 'message 50' });

      const page = await request(http).get(`/memories/${id}?limit=5&offset=57`).expect(200);
      expect(page.body).toMatchObject({ messageCount: 60, limit: 5, offset: 57 });
      expect(page.body.tokenCount).toBe(first.body.tokenCount);
      expect(page.body.messages.map((m: { seq: number }) => m.seq)).toEqual([58, 59, 60]);
    });

    it('shows an unknown memory as empty', async () => {
      await request(http)
        .get(`/memories/${id}`)
        .expect(200, { id, messageCount: 0, tokenCount: 0, limit: 50, offset: 0, messages: [] });
      await request(http)
        .get(`/memories/${id}/stats`)
        .expect(200, { id, messageCount: 0, tokenCount: 0, lastSeq: 0, lastFencingToken: 0 });
    });
  });

  describe('PUT, DELETE, flush and stats', () => {
    it('replaces, clears and flushes, never reusing a seq', async () => {
      await append(id, [user('a'), user('b')]).expect(201);

      const replaced = await request(http)
        .put(`/memories/${id}`)
        .send({ messages: [user('one two three'), user('four'), user('five six')] })
        .expect(200);
      expect(replaced.body).toEqual({
        id,
        removed: 2,
        messageCount: 3,
        tokenCount: countTokens('one two three') + countTokens('four') + countTokens('five six'),
        lastSeq: 5,
        lastFencingToken: expect.any(Number),
      });

      const flushed = await request(http)
        .post(`/memories/${id}/flush`)
        .send({ maxMessages: 1 })
        .expect(200);
      expect(flushed.body).toEqual({
        id,
        trimmedMessages: 2,
        trimmedTokens: countTokens('one two three') + countTokens('four'),
        trimmedSeqs: [3, 4],
        messageCount: 1,
        tokenCount: countTokens('five six'),
      });

      await request(http).delete(`/memories/${id}`).expect(200, {
        id,
        cleared: 1,
        messageCount: 0,
        tokenCount: 0,
      });

      const after = await append(id, [user('again')]).expect(201);
      expect(after.body.messages[0].seq).toBe(6);
      const stats = await request(http).get(`/memories/${id}/stats`).expect(200);
      expect(stats.body).toEqual({
        id,
        messageCount: 1,
        tokenCount: countTokens('again'),
        lastSeq: 6,
        lastFencingToken: after.body.fencingToken,
      });
    });

    it('flushes by tokens', async () => {
      await append(id, [user('alpha beta gamma'), user('delta'), user('epsilon')]).expect(201);

      const res = await request(http)
        .post(`/memories/${id}/flush`)
        .send({ maxTokens: 2 })
        .expect(200);
      expect(res.body).toMatchObject({ trimmedSeqs: [1], messageCount: 2, tokenCount: 2 });
    });
  });

  describe('bad input', () => {
    it.each(badRequests('guarded').map((c) => [c.name, c]))(
      'refuses %s with 400 naming the field, and stores nothing',
      async (_name, c) => {
        await append('guarded', [user('keep me', { metadata: { n: 1 } })]).expect(201);
        const before = await snapshot(app, 'guarded');

        let req = request(http)[c.method](c.path);
        if (c.query) req = req.query(c.query);
        if (c.rawBody !== undefined)
          req = req.set('content-type', 'application/json').send(c.rawBody);
        else if (c.body !== undefined) req = req.send(c.body as object);
        const res = await req.expect(400);

        expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
        const messages: string[] = [res.body.message].flat();
        expect(messages).toEqual(expect.arrayContaining([expect.stringContaining(c.message)]));
        expect(await snapshot(app, 'guarded')).toEqual(before);
      },
    );

    it('refuses a body over MAX_BODY_BYTES with 413 and stores nothing', async () => {
      await append(id, [user('keep me')]).expect(201);
      const before = await snapshot(app, id);

      const huge = 'x'.repeat(1_048_576);
      const res = await append(id, [user(huge)]).expect(413);

      expect(res.body).toEqual({
        statusCode: 413,
        error: 'Payload Too Large',
        code: 'PAYLOAD_TOO_LARGE',
        message: 'request body is larger than MAX_BODY_BYTES (1048576 bytes)',
      });
      expect(await snapshot(app, id)).toEqual(before);
    });
  });

  describe('the memory lock', () => {
    it('answers 409 LOCK_TIMEOUT while another holder keeps memory:<id>, and changes nothing', async () => {
      await append(id, [user('before')]).expect(201);
      const before = await snapshot(app, id);
      const locks = app.get(DistributedLockService);
      const held = await locks.acquire(`memory:${id}`, { kind: 'test', waitTimeoutMs: 0 });

      try {
        const started = Date.now();
        const res = await append(id, [user('blocked')]).expect(409);
        expect(Date.now() - started).toBeGreaterThanOrEqual(E2E_LOCK_WAIT_TIMEOUT_MS - 50);
        expect(res.body).toEqual({
          statusCode: 409,
          error: 'Conflict',
          code: 'LOCK_TIMEOUT',
          message: expect.stringContaining(`memory:${id}`),
        });
        await request(http).delete(`/memories/${id}`).expect(409);
        await request(http).post(`/memories/${id}/flush`).send({ maxTokens: 0 }).expect(409);
        await request(http).put(`/memories/${id}`).send({ messages: [] }).expect(409);
        // Reads take no lock.
        await request(http).get(`/memories/${id}`).expect(200);
        expect(await snapshot(app, id)).toEqual(before);
      } finally {
        await held.release();
      }

      await append(id, [user('after')]).expect(201);
    });

    it('refuses a change whose fencing token is older than one the store accepted: 409', async () => {
      await append(id, [user('kept')]).expect(201);
      // A newer holder (a far higher fencing token) changed the memory behind this app's back.
      const store = app.get<MemoryStore>(MEMORY_STORE);
      await store.append(id, [{ role: 'user', content: 'newer', tokens: 1, createdAt: 'x' }], 1e12);
      const before = await snapshot(app, id);

      const res = await append(id, [user('stale')]).expect(409);

      expect(res.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        code: 'STALE_FENCING_TOKEN',
        message: expect.stringContaining('fencing token'),
      });
      expect(await snapshot(app, id)).toEqual(before);
      const metrics = await request(http).get('/metrics').expect(200);
      expect(metrics.text).toMatch(/^memory_api_fencing_rejections_total [1-9]\d*$/m);
    });
  });

  describe('health and metrics', () => {
    it('is live', async () => {
      await request(http)
        .get('/health/live')
        .expect(200, { status: 'ok', info: {}, error: {}, details: {} });
    });

    it('exposes memory_api_* and memory_lock_* metrics, labelled by route pattern', async () => {
      await append(id, [user('counted')]).expect(201);
      await request(http).post(`/memories/${id}/flush`).send({ maxMessages: 0 }).expect(200);

      const res = await request(http).get('/metrics').expect(200);

      expect(res.headers['content-type']).toContain('text/plain');
      for (const name of [
        'memory_api_http_requests_total',
        'memory_api_http_request_duration_seconds_bucket',
        'memory_api_messages_appended_total',
        'memory_api_tokens_appended_total',
        'memory_api_flushes_total',
        'memory_api_flush_trimmed_messages_total',
        'memory_api_flush_trimmed_tokens_total',
        'memory_api_fencing_rejections_total',
        'memory_lock_acquire_total',
        'memory_lock_wait_seconds_bucket',
        'memory_lock_hold_seconds_bucket',
        'process_cpu_user_seconds_total',
      ]) {
        expect(res.text).toContain(`\n${name}`);
      }
      expect(res.text).toContain(
        'memory_api_http_requests_total{route="/memories/:id/messages",method="POST",status="201"}',
      );
      expect(res.text).toMatch(/^memory_lock_acquire_total\{[^}]*lock="memory"[^}]*\} [1-9]/m);
      expect(res.text).not.toContain(id);
    });
  });
}
