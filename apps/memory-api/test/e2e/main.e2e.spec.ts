import { freePort, RedisServer } from '@memory-lock/redis-testing';
import { once } from 'node:events';
import { createServer } from 'node:net';
import request from 'supertest';
import { MainProcess } from '../support/run-main';

describe('main.ts (e2e, as a process)', () => {
  let main: MainProcess | undefined;

  afterEach(async () => {
    await main?.stop();
    main = undefined;
  });

  it('exits non-zero naming the variable whose value is bad', async () => {
    main = new MainProcess({ PORT: 'eighty' });

    expect(await main.exited).toBe(1);
    expect(main.output).toContain('Invalid PORT="eighty": expected an integer from 0 to 65535');
  });

  it('says which port is taken instead of printing a stack trace', async () => {
    const port = await freePort();
    const taken = createServer().listen(port, '127.0.0.1');
    await once(taken, 'listening');
    try {
      main = new MainProcess({ PORT: String(port), HOST: '127.0.0.1' });
      expect(await main.exited).toBe(1);
      expect(main.output).toContain(
        `Port ${port} on 127.0.0.1 is already in use; set PORT to a free port`,
      );
      expect(main.output).not.toContain('    at ');
    } finally {
      taken.close();
    }
  });

  it('does not start with a lease under 1 s, naming LOCK_TTL_MS', async () => {
    main = new MainProcess({ LOCK_TTL_MS: '1' });

    expect(await main.exited).toBe(1);
    expect(main.output).toContain('Invalid LOCK_TTL_MS="1": expected an integer from 1000 to');
  });

  it('does not start with ADMIN_ENABLED=true but no ADMIN_TOKEN, and says what is missing', async () => {
    main = new MainProcess({ ADMIN_ENABLED: 'true' });

    expect(await main.exited).toBe(1);
    expect(main.output).toContain(
      'Invalid ADMIN_TOKEN: ADMIN_ENABLED=true needs a token of at least 16 characters (it is unset)',
    );
  });

  it('starts on the embedded default without REDIS_URL, says so, and shuts down cleanly', async () => {
    const port = await freePort();
    main = new MainProcess({ PORT: String(port) });

    await main.waitFor(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(main.output).toContain(
      'no REDIS_URL: running on the embedded in-process store and lock; data is lost on exit and replicas do not share it',
    );
    const ready = await request(`http://127.0.0.1:${port}`).get('/health/ready').expect(200);
    expect(ready.body.details.store.backend).toBe('in-memory (embedded, single process)');

    // Nest re-raises the signal after its shutdown hooks ran, so the process ends by SIGTERM.
    expect(await main.stop()).toBe('SIGTERM');
    expect(main.output).toContain('memory-api shut down (SIGTERM)');
  });

  describe('with REDIS_URL', () => {
    let server: RedisServer;

    beforeAll(async () => {
      // A server without a password accepts a URL that carries one (the client only warns), which
      // is enough to show that the password never reaches the log.
      server = await RedisServer.start();
    });

    afterAll(async () => {
      await server?.dispose();
    });

    it('runs on Redis and never logs the password or the admin token', async () => {
      const port = await freePort();
      main = new MainProcess({
        PORT: String(port),
        REDIS_URL: `redis://:pa55word-never-logged@127.0.0.1:${server.port}`,
        MEMORY_KEY_PREFIX: 'proc',
        ADMIN_ENABLED: 'true',
        ADMIN_TOKEN: 'admin-token-never-logged',
      });

      await main.waitFor(/listening on http:\/\/127\.0\.0\.1:\d+/);
      expect(main.output).toContain(`on Redis at redis://:***@127.0.0.1:${server.port}`);
      expect(main.output).toContain('admin routes enabled at /admin/locks/:name');
      const api = request(`http://127.0.0.1:${port}`);
      await api.get('/health/ready').expect(200);
      await api
        .get('/admin/locks/memory:from-process')
        .set('Authorization', 'Bearer admin-token-never-logged')
        .expect(200);
      await api
        .post('/memories/from-process/messages')
        .send({ messages: [{ role: 'user', content: 'hi' }] })
        .expect(201);

      expect(await main.stop()).toBe('SIGTERM');
      expect(main.output).toContain('memory-api shut down (SIGTERM)');
      expect(main.output).not.toContain('pa55word');
      expect(main.output).not.toContain('admin-token-never-logged');
    });
  });
});
