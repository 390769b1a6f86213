import { MemoryStore, NewMessage } from '../../src/memory/store/memory-store';
import { StaleFencingTokenError } from '../../src/memory/store/stale-fencing-token.error';

/** Runs the behaviour every `MemoryStore` must have against the store `current()` returns. */
export function behavesLikeAMemoryStore(current: () => MemoryStore): void {
  let store: MemoryStore;
  let counter = 0;
  let id: string;

  beforeEach(() => {
    store = current();
    counter += 1;
    id = `memory-${counter}`;
  });

  const message = (content: string, tokens = 1, extra: Partial<NewMessage> = {}): NewMessage => ({
    role: 'user',
    content,
    tokens,
    createdAt: '2024-01-02T03:04:05.678Z',
    ...extra,
  });

  async function everything(memoryId = id) {
    return store.read(memoryId, 0, 100_000);
  }

  async function expectCountsMatchRecount(memoryId = id) {
    const page = await everything(memoryId);
    const stats = await store.stats(memoryId);
    const tokens = page.messages.reduce((sum, m) => sum + m.tokens, 0);
    expect(page.messageCount).toBe(page.messages.length);
    expect(page.tokenCount).toBe(tokens);
    expect(stats.messageCount).toBe(page.messages.length);
    expect(stats.tokenCount).toBe(tokens);
  }

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

  describe('flush', () => {
    beforeEach(async () => {
      // seq 1..5 with 10, 20, 30, 40, 50 tokens: 150 tokens in all
      await store.append(
        id,
        [10, 20, 30, 40, 50].map((t, n) => message(`m${n + 1}`, t)),
        1,
      );
    });

    it('trims the oldest messages down to maxMessages', async () => {
      await expect(store.flush(id, { maxMessages: 2 }, 1)).resolves.toEqual({
        trimmedSeqs: [1, 2, 3],
        trimmedTokens: 60,
        messageCount: 2,
        tokenCount: 90,
        lastSeq: 5,
        lastFencingToken: 1,
      });
      expect((await everything()).messages.map((m) => m.seq)).toEqual([4, 5]);
      await expectCountsMatchRecount();
    });

    it('trims the oldest messages until the tokens fit maxTokens', async () => {
      const result = await store.flush(id, { maxTokens: 100 }, 1);
      expect(result).toMatchObject({ trimmedSeqs: [1, 2, 3], trimmedTokens: 60, tokenCount: 90 });

      const exact = await store.flush(id, { maxTokens: 90 }, 1);
      expect(exact).toMatchObject({ trimmedSeqs: [], trimmedTokens: 0, tokenCount: 90 });
      await expectCountsMatchRecount();
    });

    it('keeps trimming until both budgets hold', async () => {
      await expect(store.flush(id, { maxMessages: 4, maxTokens: 120 }, 1)).resolves.toMatchObject({
        trimmedSeqs: [1, 2],
        messageCount: 3,
        tokenCount: 120,
      });
      await expect(store.flush(id, { maxMessages: 1, maxTokens: 1000 }, 1)).resolves.toMatchObject({
        trimmedSeqs: [3, 4],
        messageCount: 1,
        tokenCount: 50,
      });
      await expectCountsMatchRecount();
    });

    it('empties the memory for a zero budget and keeps the seq going', async () => {
      await expect(store.flush(id, { maxTokens: 0 }, 1)).resolves.toMatchObject({
        trimmedSeqs: [1, 2, 3, 4, 5],
        trimmedTokens: 150,
        messageCount: 0,
        tokenCount: 0,
      });
      expect((await store.append(id, [message('again')], 1)).messages[0].seq).toBe(6);
      await expectCountsMatchRecount();
    });

    it('trims nothing when the memory already fits', async () => {
      await expect(store.flush(id, { maxMessages: 5, maxTokens: 150 }, 1)).resolves.toMatchObject({
        trimmedSeqs: [],
        trimmedTokens: 0,
        messageCount: 5,
        tokenCount: 150,
      });
    });
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
