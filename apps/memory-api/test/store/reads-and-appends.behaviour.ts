import { MemoryStore } from '../../src/memory/store/memory-store';
import { message, StoreUnderTest } from './store-under-test';

/** Reading pages and appending messages with their seq. */
export function readsAndAppends(t: StoreUnderTest): void {
  let store: MemoryStore;
  let id: string;
  const everything = (memoryId?: string) => t.everything(memoryId);
  const expectCountsMatchRecount = (memoryId?: string) => t.expectCountsMatchRecount(memoryId);

  beforeEach(() => {
    ({ store, id } = t);
  });

  describe('reading', () => {
    it('shows an unknown memory as empty', async () => {
      await expect(store.read(id, 0, 50)).resolves.toEqual({
        messageCount: 0,
        tokenCount: 0,
        messages: [],
      });
      await expect(store.stats(id)).resolves.toEqual({
        messageCount: 0,
        tokenCount: 0,
        lastSeq: 0,
        lastFencingToken: 0,
      });
    });

    it('pages oldest first, with counts of the whole memory', async () => {
      await store.append(
        id,
        [1, 2, 3, 4, 5].map((n) => message(`m${n}`, n)),
        1,
      );

      const page = await store.read(id, 1, 2);
      expect(page.messageCount).toBe(5);
      expect(page.tokenCount).toBe(15);
      expect(page.messages.map((m) => m.seq)).toEqual([2, 3]);
      expect((await store.read(id, 4, 50)).messages.map((m) => m.content)).toEqual(['m5']);
      expect((await store.read(id, 5, 50)).messages).toEqual([]);
      expect((await store.read(id, 0, 1000)).messages).toHaveLength(5);
    });

    it('keeps memories apart', async () => {
      await store.append(id, [message('mine')], 1);
      await store.append(`${id}-other`, [message('theirs'), message('theirs too')], 1);

      expect((await everything()).messages.map((m) => m.content)).toEqual(['mine']);
      expect((await store.stats(`${id}-other`)).messageCount).toBe(2);
    });
  });

  describe('append', () => {
    it('gives each message the next seq and returns it as stored', async () => {
      const first = await store.append(id, [message('a', 2), message('b', 3)], 1);
      expect(first).toEqual({
        messageCount: 2,
        tokenCount: 5,
        lastSeq: 2,
        lastFencingToken: 1,
        messages: [
          { ...message('a', 2), seq: 1 },
          { ...message('b', 3), seq: 2 },
        ],
      });

      const second = await store.append(id, [message('c', 4)], 1);
      expect(second.messages.map((m) => m.seq)).toEqual([3]);
      expect(second).toMatchObject({ messageCount: 3, tokenCount: 9, lastSeq: 3 });
      expect(await everything()).toEqual({
        messageCount: 3,
        tokenCount: 9,
        messages: [...first.messages, ...second.messages],
      });
    });

    it('keeps content and metadata exactly as given', async () => {
      const metadata = {
        list: [],
        empty: {},
        nested: { deep: [1, 'two', { three: null }] },
        big: 9007199254740991,
        small: 0.1,
        text: 'quote " backslash \\ {"seq":1,"tokens":9,}',
      };
      const tricky = '{"seq":99,"tokens":99,"role":"system"} ünïcödé 😀 \n\t "quoted"';
      await store.append(id, [message(tricky, 7, { role: 'tool', metadata })], 1);

      const [stored] = (await everything()).messages;
      expect(stored).toEqual({ ...message(tricky, 7, { role: 'tool', metadata }), seq: 1 });
      expect('metadata' in (await store.append(id, [message('plain')], 1)).messages[0]).toBe(false);
      expect('metadata' in (await everything()).messages[1]).toBe(false);
    });

    it('keeps counts equal to a recount under many concurrent appends', async () => {
      await Promise.all(
        Array.from({ length: 40 }, (_, n) => store.append(id, [message(`p${n}`, n + 1)], 1)),
      );

      const page = await everything();
      expect(page.messages.map((m) => m.seq).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 40 }, (_, n) => n + 1),
      );
      expect(page.tokenCount).toBe((40 * 41) / 2);
      await expectCountsMatchRecount();
    });
  });
}
