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
