import { MemoryStore } from '../../src/memory/store/memory-store';
import { fences } from './fences.behaviour';
import { flushes } from './flushes.behaviour';
import { readsAndAppends } from './reads-and-appends.behaviour';
import { replacesAndClears } from './replaces-and-clears.behaviour';
import { StoreUnderTest } from './store-under-test';

/** Runs the behaviour every `MemoryStore` must have against the store `current()` returns. */
export function behavesLikeAMemoryStore(current: () => MemoryStore): void {
  const t = new StoreUnderTest(current);

  readsAndAppends(t);
  replacesAndClears(t);
  flushes(t);
  fences(t);
}
