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
});
