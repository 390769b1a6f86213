import { MemoryStore } from '../../src/memory/store/memory-store';
import { message, StoreUnderTest } from './store-under-test';

/** Flushing the oldest messages down to a message or token budget. */
export function flushes(t: StoreUnderTest): void {
  let store: MemoryStore;
  let id: string;
  const everything = (memoryId?: string) => t.everything(memoryId);
  const expectCountsMatchRecount = (memoryId?: string) => t.expectCountsMatchRecount(memoryId);

  beforeEach(() => {
    ({ store, id } = t);
  });

  describe('flush', () => {
    beforeEach(async () => {
      // seq 1..5 with 10, 20, 30, 40, 50 tokens: 150 tokens in all
      await store.append(
        id,
        [10, 20, 30, 40, 50].map((tokens, n) => message(`m${n + 1}`, tokens)),
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
}
