import { NestExpressApplication } from '@nestjs/platform-express';
import { DistributedLockService } from '@memory-lock/core';
import request from 'supertest';
import { MEMORY_STORE, MemoryStore } from '../../src/memory/store/memory-store';
import { snapshot, user } from '../support/test-app';
import { ApiUnderTest, E2E_LOCK_WAIT_TIMEOUT_MS } from './api-under-test';

/** Changes wait for the memory lock and are fenced by its token. */
export function changesUnderTheLock(t: ApiUnderTest): void {
  let app: NestExpressApplication;
  let http: ApiUnderTest['http'];
  let id: string;
  const append = (memoryId: string, messages: unknown[]) => t.append(memoryId, messages);

  beforeEach(() => {
    ({ app, http, id } = t);
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
}
