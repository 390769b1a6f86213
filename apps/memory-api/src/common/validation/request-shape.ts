/** Deepest nesting of objects and arrays inside a message's `metadata`, the object itself being 1. */
export const MAX_METADATA_DEPTH = 32;

/**
 * Most values in one message's `metadata`: objects, arrays and the values in them, counted
 * together, the metadata object itself included.
 */
export const MAX_METADATA_VALUES = 10_000;

/**
 * Most keys of any one object of a request. The validation takes time that grows with the square
 * of an object's number of keys (seconds for 50 000).
 */
export const MAX_OBJECT_KEYS = 1_000;

/**
 * Deepest nesting of a whole body or query: the body, its `messages` list and a message are the
 * three levels above a message's fields, so `metadata` gets `MAX_METADATA_DEPTH`.
 */
export const MAX_REQUEST_DEPTH = 3 + MAX_METADATA_DEPTH;

/**
 * Keys of metadata that are refused: the validation drops them, so they could not be kept as
 * sent.
 */
export const RESERVED_METADATA_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/**
 * No request field is named like a member that every JavaScript object has (`__proto__`,
 * `constructor`, `toString`, …) or `prototype`, and the validation would drop such a field
 * silently rather than refuse it as unknown; so it is refused here.
 */
const FIELD_NAMES_REFUSED: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
]);

interface Node {
  value: unknown;
  /** Path from the root, such as `['messages', '0', 'metadata']`. */
  path: string[];
}

/**
 * The first reason to refuse a parsed JSON body or query before anything else walks it, or
 * `undefined`: nesting deeper than `MAX_REQUEST_DEPTH` (which leaves `MAX_METADATA_DEPTH` inside
 * metadata), metadata with more than `MAX_METADATA_VALUES` values, an object with more than
 * `MAX_OBJECT_KEYS` keys, a metadata key in `RESERVED_METADATA_KEYS`, or a field named like a
 * member of every object.
 * The walk keeps its own stack, so a body nested many thousands deep cannot overflow the call
 * stack; it stops at the first problem. Each reason names the field by its path, as the
 * validation's other messages do.
 */
export function findRequestShapeProblem(root: unknown): string | undefined {
  const stack: Node[] = [{ value: root, path: [] }];
  const metadataValues = new Map<string, number>();

  while (stack.length > 0) {
    const { value, path } = stack.pop() as Node;
    const metadata = metadataPath(path);
    if (metadata) {
      const seen = (metadataValues.get(metadata) ?? 0) + 1;
      if (seen > MAX_METADATA_VALUES) {
        return `${metadata} holds more than ${MAX_METADATA_VALUES} values`;
      }
      metadataValues.set(metadata, seen);
    }
    if (value === null || typeof value !== 'object') continue;

    // The containers of a path of n keys are at depth n + 1.
    if (path.length + 1 > MAX_REQUEST_DEPTH) return tooDeep(path);

    const keys = Object.keys(value);
    if (!Array.isArray(value) && keys.length > MAX_OBJECT_KEYS) {
      return `${path.length > 0 ? path.join('.') : 'request body'} has more than ${MAX_OBJECT_KEYS} keys`;
    }
    const refused = refusedKey(path, keys);
    if (refused !== undefined) return refused;
    // Pushed last to first, so the fields are looked at in the order of the body.
    for (let i = keys.length - 1; i >= 0; i -= 1) {
      const key = keys[i];
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return undefined;
}

/** `messages.<n>.metadata` when `path` is that field or inside it. */
function metadataPath(path: string[]): string | undefined {
  return path.length >= 3 && path[0] === 'messages' && path[2] === 'metadata'
    ? path.slice(0, 3).join('.')
    : undefined;
}

/**
 * The field a path belongs to: `messages`, `messages.<n>` or `messages.<n>.<field>` under
 * `messages`, else the top-level field.
 */
function fieldOf(path: string[]): string[] {
  return path.slice(0, path[0] === 'messages' ? 3 : 1);
}

/** Names the field and how deep it may nest. */
function tooDeep(path: string[]): string {
  const field = fieldOf(path);
  return `${field.join('.')} is nested more than ${MAX_REQUEST_DEPTH - field.length} levels deep`;
}

/** Why one of the `keys` of the object at `path` is refused, if one is. */
function refusedKey(path: string[], keys: string[]): string | undefined {
  if (metadataPath([...path, ''])) {
    const key = keys.find((name) => RESERVED_METADATA_KEYS.includes(name));
    return key === undefined
      ? undefined
      : `${[...path, key].join('.')} is not an accepted key: metadata keys may not be ${RESERVED_METADATA_KEYS.join(', ')}`;
  }
  const key = keys.find((name) => FIELD_NAMES_REFUSED.has(name));
  return key === undefined ? undefined : `${[...path, key].join('.')} is not an accepted field`;
}
