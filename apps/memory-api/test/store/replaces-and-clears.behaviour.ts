import { MemoryStore } from '../../src/memory/store/memory-store';
import { message, StoreUnderTest } from './store-under-test';

/** Replacing and clearing, never reusing a seq. */
export function replacesAndClears(t: StoreUnderTest): void {
  let store: MemoryStore;
  let id: string;
  const everything = (memoryId?: string) => t.everything(memoryId);
  const expectCountsMatchRecount = (memoryId?: string) => t.expectCountsMatchRecount(memoryId);

  beforeEach(() => {
    ({ store, id } = t);
  });

  describe('replace', () => {
    it('replaces every message and continues the seq', async () => {
      await store.append(id, [message('a'), message('b')], 1);

      const result = await store.replace(
        id,
        [message('x', 5), message('y', 6), message('z', 7)],
        1,
      );
      expect(result).toEqual({
        removed: 2,
        messageCount: 3,
        tokenCount: 18,
        lastSeq: 5,
        lastFencingToken: 1,
      });
      const page = await everything();
      expect(page.messages.map((m) => [m.seq, m.content])).toEqual([
        [3, 'x'],
        [4, 'y'],
        [5, 'z'],
      ]);
      await expectCountsMatchRecount();
    });

    it('may replace with nothing', async () => {
      await store.append(id, [message('a')], 1);

      await expect(store.replace(id, [], 1)).resolves.toMatchObject({
        removed: 1,
        messageCount: 0,
        tokenCount: 0,
        lastSeq: 1,
      });
      expect((await store.append(id, [message('b')], 1)).messages[0].seq).toBe(2);
    });
  });

  describe('clear', () => {
    it('removes every message but never reuses a seq', async () => {
      await store.append(id, [message('a', 2), message('b', 2)], 1);

      await expect(store.clear(id, 1)).resolves.toEqual({
        cleared: 2,
        messageCount: 0,
        tokenCount: 0,
        lastSeq: 2,
        lastFencingToken: 1,
      });
      expect(await everything()).toEqual({ messageCount: 0, tokenCount: 0, messages: [] });

      const next = await store.append(id, [message('c')], 1);
      expect(next.messages[0].seq).toBe(3);
      await expectCountsMatchRecount();
    });

    it('clears an unknown memory as zero messages', async () => {
      await expect(store.clear(id, 1)).resolves.toMatchObject({ cleared: 0, messageCount: 0 });
    });
  });
}
