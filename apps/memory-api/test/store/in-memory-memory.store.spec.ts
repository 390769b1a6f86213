import { InMemoryMemoryStore } from '../../src/memory/store/in-memory-memory.store';
import { behavesLikeAMemoryStore } from './memory-store.behaviour';

describe('InMemoryMemoryStore', () => {
  let store: InMemoryMemoryStore;

  beforeAll(() => {
    store = new InMemoryMemoryStore();
  });

  behavesLikeAMemoryStore(() => store);

  it('hands out copies, so callers cannot change what is stored', async () => {
    const metadata = { tags: ['a'] };
    const appended = await store.append(
      'copies',
      [{ role: 'user', content: 'x', tokens: 1, createdAt: 'now', metadata }],
      1,
    );
    metadata.tags.push('changed by caller');
    appended.messages[0].content = 'changed by caller';
    (await store.read('copies', 0, 10)).messages[0].metadata!.tags = [];

    const [stored] = (await store.read('copies', 0, 10)).messages;
    expect(stored.content).toBe('x');
    expect(stored.metadata).toEqual({ tags: ['a'] });
  });

  it('describes itself as the embedded store', () => {
    expect(store.description).toBe('in-memory (embedded, single process)');
  });
});
