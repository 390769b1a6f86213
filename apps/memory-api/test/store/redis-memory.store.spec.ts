import { RedisServer } from '@memory-lock/redis-testing';
import { Redis } from 'ioredis';
import { MemoryStoreUnavailableError } from '../../src/memory/store/memory-store-unavailable.error';
import { RedisMemoryStore } from '../../src/memory/store/redis-memory.store';
import { STORE_CLIENT_OPTIONS, whenReady } from '../../src/memory/store/redis-store-connection';
import { behavesLikeAMemoryStore } from './memory-store.behaviour';

describe('RedisMemoryStore', () => {
  let server: RedisServer;
  let client: Redis;
  let inspector: Redis;
  let store: RedisMemoryStore;

  beforeAll(async () => {
    server = await RedisServer.start();
    client = new Redis(server.url, STORE_CLIENT_OPTIONS);
    inspector = new Redis(server.url);
    await whenReady(client, 5_000);
    store = new RedisMemoryStore(client, 'memapi');
  });

  afterAll(async () => {
    client?.disconnect();
    inspector?.disconnect();
    await server?.dispose();
  });

  behavesLikeAMemoryStore(() => store);

  const message = (content: string, tokens: number) => ({
    role: 'assistant' as const,
    content,
    tokens,
    createdAt: '2024-05-06T07:08:09.000Z',
  });

  it('keeps a memory in a list and a meta hash under the prefix, in one hash slot', async () => {
    await store.append('layout', [message('a', 2), message('b', 3)], 4);

    expect(await inspector.keys('memapi:memory:{layout}:*')).toEqual(
      expect.arrayContaining(['memapi:memory:{layout}:messages', 'memapi:memory:{layout}:meta']),
    );
    expect(await inspector.hgetall('memapi:memory:{layout}:meta')).toEqual({
      messageCount: '2',
      tokenCount: '5',
      lastSeq: '2',
      fence: '4',
    });
    expect(await inspector.lrange('memapi:memory:{layout}:messages', 0, -1)).toEqual([
      '{"seq":1,"tokens":2,"role":"assistant","content":"a","createdAt":"2024-05-06T07:08:09.000Z"}',
      '{"seq":2,"tokens":3,"role":"assistant","content":"b","createdAt":"2024-05-06T07:08:09.000Z"}',
    ]);
  });

  it('keeps lastSeq and the fence in Redis when cleared', async () => {
    await store.append('kept', [message('a', 1)], 3);
    await store.clear('kept', 3);

    expect(await inspector.exists('memapi:memory:{kept}:messages')).toBe(0);
    expect(await inspector.hgetall('memapi:memory:{kept}:meta')).toEqual({
      messageCount: '0',
      tokenCount: '0',
      lastSeq: '1',
      fence: '3',
    });
  });

  it('uses its own key prefix', async () => {
    const other = new RedisMemoryStore(client, 'tenant-b');
    await other.append('same-id', [message('b', 1)], 1);

    expect(await inspector.exists('tenant-b:memory:{same-id}:meta')).toBe(1);
    expect((await store.stats('same-id')).messageCount).toBe(0);
  });

  it('sends the scripts again after the server forgot them', async () => {
    await store.append('forgotten', [message('a', 1)], 1);
    await inspector.script('FLUSH');

    await expect(store.append('forgotten', [message('b', 1)], 1)).resolves.toMatchObject({
      messageCount: 2,
    });
    await expect(store.read('forgotten', 0, 10)).resolves.toMatchObject({ messageCount: 2 });
  });

  it('fails with MemoryStoreUnavailableError while Redis is down and recovers after', async () => {
    await store.append('outage', [message('before', 1)], 1);
    await server.kill();

    const started = Date.now();
    await expect(store.append('outage', [message('during', 1)], 1)).rejects.toBeInstanceOf(
      MemoryStoreUnavailableError,
    );
    await expect(store.read('outage', 0, 10)).rejects.toBeInstanceOf(MemoryStoreUnavailableError);
    await expect(store.ping()).rejects.toBeInstanceOf(MemoryStoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(3_000);

    await server.restart();
    expect(await whenReady(client, 5_000)).toBe(true);
    // The restarted server keeps no data, which shows the store starts over cleanly.
    await expect(store.append('outage', [message('after', 1)], 1)).resolves.toMatchObject({
      messageCount: 1,
    });
  });
});
