import { AsyncLocalStorage } from 'node:async_hooks';
import { LockHandle } from '../lock.options';

/** The locks held by the current async context, by name, for reentrancy and `currentLock()`. */
const heldInContext = new AsyncLocalStorage<ReadonlyMap<string, LockHandle>>();

export function heldLock(name: string): LockHandle | undefined {
  return heldInContext.getStore()?.get(name);
}

export function runHolding<T>(handle: LockHandle, fn: () => T): T {
  const outer = heldInContext.getStore();
  const held = new Map(outer);
  held.set(handle.name, handle);
  return heldInContext.run(held, fn);
}

/**
 * The lock held by the current `withLock` / `@WithLock()` call: by name, or the innermost one.
 *
 * @example
 * const { fencingToken } = currentLock(`memory:${id}`)!;
 */
export function currentLock(name?: string): LockHandle | undefined {
  const held = heldInContext.getStore();
  if (!held) return undefined;
  if (name !== undefined) return held.get(name);
  return [...held.values()].pop();
}
