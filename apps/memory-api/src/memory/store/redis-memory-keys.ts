/**
 * Keys of one memory. The id sits in braces, a Redis Cluster hash tag, so both keys of a memory
 * land in one slot and one script may touch them together.
 */
export function memoryKeys(prefix: string, id: string): [messages: string, meta: string] {
  const base = `${prefix}:memory:{${id}}`;
  return [`${base}:messages`, `${base}:meta`];
}
