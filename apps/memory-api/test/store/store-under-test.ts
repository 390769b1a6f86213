import { MemoryPage, MemoryStore, NewMessage } from '../../src/memory/store/memory-store';

/**
 * The store a behaviour spec runs against, and a fresh memory id for every test. Each behaviour
 * file copies `store` and `id` into its own variables in a `beforeEach` that runs after this one.
 */
export class StoreUnderTest {
  store!: MemoryStore;
  id!: string;
  private counter = 0;

  constructor(current: () => MemoryStore) {
    beforeEach(() => {
      this.store = current();
      this.counter += 1;
      this.id = `memory-${this.counter}`;
    });
  }

  everything(memoryId = this.id): Promise<MemoryPage> {
    return this.store.read(memoryId, 0, 100_000);
  }

  async expectCountsMatchRecount(memoryId = this.id): Promise<void> {
    const page = await this.everything(memoryId);
    const stats = await this.store.stats(memoryId);
    const tokens = page.messages.reduce((sum, m) => sum + m.tokens, 0);
    expect(page.messageCount).toBe(page.messages.length);
    expect(page.tokenCount).toBe(tokens);
    expect(stats.messageCount).toBe(page.messages.length);
    expect(stats.tokenCount).toBe(tokens);
  }
}

export const message = (
  content: string,
  tokens = 1,
  extra: Partial<NewMessage> = {},
): NewMessage => ({
  role: 'user',
  content,
  tokens,
  createdAt: '2024-01-02T03:04:05.678Z',
  ...extra,
});
