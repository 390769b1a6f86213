import request from 'supertest';
import { user } from '../support/test-app';
import { ApiUnderTest } from './api-under-test';

/** Liveness and metrics. */
export function reportsHealthAndMetrics(t: ApiUnderTest): void {
  let http: ApiUnderTest['http'];
  let id: string;
  const append = (memoryId: string, messages: unknown[]) => t.append(memoryId, messages);

  beforeEach(() => {
    ({ http, id } = t);
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
