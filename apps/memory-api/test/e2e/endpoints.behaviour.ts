import request from 'supertest';
import { countTokens } from '../../src/memory/tokens/count-tokens';
import { user } from '../support/test-app';
import { ApiUnderTest } from './api-under-test';

/** Every endpoint on valid input. */
export function servesEveryEndpoint(t: ApiUnderTest): void {
  let http: ApiUnderTest['http'];
  let id: string;
  const append = (memoryId: string, messages: unknown[]) => t.append(memoryId, messages);

  beforeEach(() => {
    ({ http, id } = t);
  });

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

    it('keeps metadata as sent: nested 32 deep, and keys named like members of every object', async () => {
      const deep = JSON.parse(`${'{"a":'.repeat(31)}[1]${'}'.repeat(31)}`); // 32 levels
      const odd = JSON.parse(
        '{"toString":"x","valueOf":null,"hasOwnProperty":[{"isPrototypeOf":1}],"":{},"n":1.5e3}',
      );

      const res = await append(id, [
        user('deep', { metadata: deep }),
        user('odd', { metadata: odd }),
      ]).expect(201);

      expect(res.body.messages.map((m: { metadata: unknown }) => m.metadata)).toEqual([deep, odd]);
      const page = await request(http).get(`/memories/${id}`).expect(200);
      expect(page.body.messages.map((m: { metadata: unknown }) => m.metadata)).toEqual([deep, odd]);
      expect(Object.keys(page.body.messages[1].metadata)).toEqual(Object.keys(odd));
    });

    // One run of 200 000 letters used to keep the tokenizer, and with it the whole process, busy
    // for minutes; the timeout only stops such a hang.
    it('counts a 200 KB run of one letter and stays live meanwhile', async () => {
      const content = 'a'.repeat(200_000);

      const [appended, live] = await Promise.all([
        append(id, [user(content)]),
        request(http).get('/health/live'),
      ]);

      expect(live.status).toBe(200);
      expect(appended.status).toBe(201);
      expect(appended.body).toMatchObject({ appended: 1, tokenCount: 25_000 });
      expect(appended.body.messages[0].tokens).toBe(countTokens(content));
    }, 20_000);
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
}
