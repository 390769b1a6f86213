import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { snapshot, user } from '../support/test-app';
import { badRequests } from './bad-requests';
import { ApiUnderTest } from './api-under-test';

/** Bad input: 400 naming the field (413 for an oversized body), and nothing stored. */
export function refusesBadInput(t: ApiUnderTest): void {
  let app: NestExpressApplication;
  let http: ApiUnderTest['http'];
  let id: string;
  const append = (memoryId: string, messages: unknown[]) => t.append(memoryId, messages);

  beforeEach(() => {
    ({ app, http, id } = t);
  });

  /** Sends `body` as it is, with exactly the given content-type, or none. */
  function sendRaw(method: 'POST' | 'PUT', path: string, body: string, contentType?: string) {
    const req = method === 'POST' ? request(http).post(path) : request(http).put(path);
    // Text gets a content-type from the client unless one is set; bytes are sent without one.
    return contentType === undefined
      ? req.send(Buffer.from(body)).unset('Content-Type')
      : req.set('content-type', contentType).send(body);
  }

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

        expect(res.body).toMatchObject({
          statusCode: 400,
          error: 'Bad Request',
          code: c.code ?? 'VALIDATION_FAILED',
        });
        const messages: string[] = [res.body.message].flat();
        expect(messages).toEqual(expect.arrayContaining([expect.stringContaining(c.message)]));
        expect(await snapshot(app, 'guarded')).toEqual(before);
      },
    );

    it.each([
      ['text/plain', 'text/plain', 'not text/plain'],
      ['form data', 'application/x-www-form-urlencoded', 'not application/x-www-form-urlencoded'],
      ['no content-type', undefined, 'it has none'],
    ])(
      'refuses a JSON body sent as %s with 415 and stores nothing',
      async (_name, contentType, got) => {
        await append(id, [user('keep me')]).expect(201);
        const before = await snapshot(app, id);

        const res = await sendRaw(
          'POST',
          `/memories/${id}/messages`,
          JSON.stringify({ messages: [user('x')] }),
          contentType,
        );

        expect(res.status).toBe(415);
        expect(res.body).toEqual({
          statusCode: 415,
          error: 'Unsupported Media Type',
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: `request body must be JSON with content-type: application/json (${got})`,
        });
        expect(await snapshot(app, id)).toEqual(before);
      },
    );

    it('refuses a charset other than UTF-8 with 415', async () => {
      const res = await sendRaw(
        'PUT',
        `/memories/${id}`,
        JSON.stringify({ messages: [] }),
        'application/json; charset=latin1',
      );

      expect(res.status).toBe(415);
      expect(res.body).toEqual({
        statusCode: 415,
        error: 'Unsupported Media Type',
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'request body has a charset that is not supported; send UTF-8',
      });
    });

    it('takes a JSON body with a charset, and a request without a body and content-type', async () => {
      const res = await sendRaw(
        'POST',
        `/memories/${id}/messages`,
        JSON.stringify({ messages: [user('x')] }),
        'Application/JSON; charset=UTF-8',
      );
      expect(res.status).toBe(201);

      const flush = await request(http).post(`/memories/${id}/flush`).query({ x: 1 });
      expect(flush.status).toBe(400);
      expect(flush.body.code).toBe('VALIDATION_FAILED');
      await request(http).delete(`/memories/${id}`).expect(200);
    });

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
}
