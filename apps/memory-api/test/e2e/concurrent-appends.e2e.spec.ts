import { NestExpressApplication } from '@nestjs/platform-express';
import { RedisServer } from '@memory-lock/redis-testing';
import request from 'supertest';
import { countTokens } from '../../src/memory/tokens/count-tokens';
import { startTestApp } from '../support/test-app';

const REQUESTS = 120;
const MESSAGES_PER_REQUEST = 3;

interface Appended {
  fencingToken: number;
  messages: { seq: number; content: string }[];
}

describe('concurrent appends to one memory through two app instances sharing Redis (e2e)', () => {
  let server: RedisServer;
  let apps: NestExpressApplication[];

  beforeAll(async () => {
    server = await RedisServer.start();
    apps = [
      await startTestApp({ redisUrl: server.url }),
      await startTestApp({ redisUrl: server.url }),
    ];
  });

  afterAll(async () => {
    await Promise.all((apps ?? []).map((app) => app.close()));
    await server?.dispose();
  });

  it('stores every message exactly once, each request in one run, with counts equal to a recount', async () => {
    const sent = Array.from({ length: REQUESTS }, (_, r) =>
      Array.from({ length: MESSAGES_PER_REQUEST }, (_, m) => ({
        role: 'user',
        content: `request ${r} message ${m}: ${'word '.repeat(r % 7)}`,
      })),
    );

    const responses = await Promise.all(
      sent.map((messages, r) =>
        request(apps[r % 2].getHttpServer())
          .post('/memories/shared/messages')
          .send({ messages })
          .expect(201),
      ),
    );

    const page = await request(apps[0].getHttpServer())
      .get('/memories/shared?limit=1000')
      .expect(200);
    const stored: { seq: number; content: string; tokens: number }[] = page.body.messages;

    // Every message once, and nothing else.
    const expected = sent.flat().map((m) => m.content);
    expect(stored.map((m) => m.content).sort()).toEqual([...expected].sort());
    expect(stored.map((m) => m.seq)).toEqual(
      Array.from({ length: REQUESTS * MESSAGES_PER_REQUEST }, (_, i) => i + 1),
    );

    // Counts kept in the store equal a recount, and token counts are the tokenizer's.
    expect(page.body.messageCount).toBe(stored.length);
    expect(page.body.tokenCount).toBe(stored.reduce((sum, m) => sum + m.tokens, 0));
    for (const message of stored) expect(message.tokens).toBe(countTokens(message.content));

    // Each request's messages sit together, and later holders of the lock had higher tokens.
    const runs = responses
      .map((res) => res.body as Appended)
      .sort((a, b) => a.messages[0].seq - b.messages[0].seq);
    for (const [i, run] of runs.entries()) {
      const seqs = run.messages.map((m) => m.seq);
      expect(seqs).toEqual([seqs[0], seqs[0] + 1, seqs[0] + 2]);
      if (i > 0) expect(run.fencingToken).toBeGreaterThan(runs[i - 1].fencingToken);
    }

    const stats = await request(apps[1].getHttpServer()).get('/memories/shared/stats').expect(200);
    expect(stats.body).toEqual({
      id: 'shared',
      messageCount: REQUESTS * MESSAGES_PER_REQUEST,
      tokenCount: page.body.tokenCount,
      lastSeq: REQUESTS * MESSAGES_PER_REQUEST,
      lastFencingToken: runs[runs.length - 1].fencingToken,
    });
  });
});
