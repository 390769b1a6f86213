import { MemoryStore } from '../../src/memory/store/memory-store';
import { StaleFencingTokenError } from '../../src/memory/store/stale-fencing-token.error';
import { message, StoreUnderTest } from './store-under-test';

/** Refusing changes with a stale fencing token, and accepting equal or higher ones. */
export function fences(t: StoreUnderTest): void {
  let store: MemoryStore;
  let id: string;
  const everything = (memoryId?: string) => t.everything(memoryId);

  beforeEach(() => {
    ({ store, id } = t);
  });

  describe('fencing', () => {
    const changes: [
      string,
      (s: MemoryStore, memoryId: string, token: number) => Promise<unknown>,
    ][] = [
      ['append', (s, memoryId, token) => s.append(memoryId, [message('late')], token)],
      ['replace', (s, memoryId, token) => s.replace(memoryId, [message('late')], token)],
      ['clear', (s, memoryId, token) => s.clear(memoryId, token)],
      ['flush', (s, memoryId, token) => s.flush(memoryId, { maxMessages: 0 }, token)],
    ];

    it.each(changes)('refuses %s with a lower token and changes nothing', async (_name, change) => {
      await store.append(id, [message('a', 3), message('b', 4)], 5);
      const before = { page: await everything(), stats: await store.stats(id) };

      const refused = change(store, id, 4);
      await expect(refused).rejects.toBeInstanceOf(StaleFencingTokenError);
      await expect(refused).rejects.toMatchObject({
        memoryId: id,
        fencingToken: 4,
        lastFencingToken: 5,
      });

      expect(await everything()).toEqual(before.page);
      expect(await store.stats(id)).toEqual(before.stats);
    });

    it.each(changes)('accepts %s with an equal or higher token', async (_name, change) => {
      await store.append(id, [message('a')], 5);

      await expect(change(store, id, 5)).resolves.toBeDefined();
      await expect(change(store, id, 6)).resolves.toBeDefined();
      expect((await store.stats(id)).lastFencingToken).toBe(6);
      await expect(change(store, id, 5)).rejects.toBeInstanceOf(StaleFencingTokenError);
    });

    it('remembers the token across clear', async () => {
      await store.append(id, [message('a')], 3);
      await store.clear(id, 7);

      await expect(store.append(id, [message('stale')], 6)).rejects.toBeInstanceOf(
        StaleFencingTokenError,
      );
      expect(await store.stats(id)).toEqual({
        messageCount: 0,
        tokenCount: 0,
        lastSeq: 1,
        lastFencingToken: 7,
      });
    });

    it('fences each memory on its own', async () => {
      await store.append(id, [message('a')], 9);

      await expect(store.append(`${id}-other`, [message('b')], 1)).resolves.toBeDefined();
    });
  });

  it('answers a ping', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });
}
