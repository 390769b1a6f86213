import Redis from 'ioredis';
import { RedisServer } from './redis-server';

describe('RedisServer', () => {
  let server: RedisServer;

  beforeAll(async () => {
    server = await RedisServer.start();
  });

  afterAll(async () => {
    await server.dispose();
  });

  it('serves on its own loopback port and keeps data until it is killed and restarted', async () => {
    const client = new Redis(server.port, '127.0.0.1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
    });
    await client.connect();
    await client.set('k', 'v');
    expect(await client.get('k')).toBe('v');
    client.disconnect();

    await server.kill();
    expect(server.running).toBe(false);
    await server.restart();

    const again = new Redis(server.port, '127.0.0.1', { lazyConnect: true });
    await again.connect();
    expect(await again.get('k')).toBeNull();
    again.disconnect();
  });

  it('without a redis-server binary it fails with a message that says how to install one', async () => {
    const saved = process.env.REDIS_SERVER_BIN;
    process.env.REDIS_SERVER_BIN = '/nonexistent/redis-server';
    try {
      await expect(RedisServer.start()).rejects.toThrow(/apt-get install redis-server/);
    } finally {
      if (saved === undefined) delete process.env.REDIS_SERVER_BIN;
      else process.env.REDIS_SERVER_BIN = saved;
    }
  });
});
