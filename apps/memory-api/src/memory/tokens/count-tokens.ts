import { cl100kRanks, Cl100kRanks } from './cl100k-ranks';

/**
 * Number of cl100k_base tokens of `text`: the same number js-tiktoken's encoder gives, in time that
 * grows with the length of the text times its logarithm, whatever the text.
 *
 * The text is cut into pieces by cl100k_base's pattern, and each piece's UTF-8 bytes are merged
 * pair by pair, always the pair of lowest rank first (the leftmost of equal ones), until no
 * adjacent pair forms a token; the pieces that are left are the tokens. js-tiktoken rescans the
 * whole piece after every merge, which takes minutes for one piece of a few ten thousand bytes
 * (a long run of letters, spaces or punctuation is one piece). Here the candidate pairs wait in a
 * heap and a merge only looks at its two new neighbours.
 *
 * Text that looks like a special token (`<|endoftext|>`) is counted as the plain text it is, since
 * it comes from users and is never a control token here.
 */
export function countTokens(text: string): number {
  const vocabulary = cl100kRanks();
  let total = 0;
  for (const match of text.matchAll(vocabulary.pattern)) {
    // A lone surrogate becomes U+FFFD, as js-tiktoken's TextEncoder makes it.
    total += countPiece(Buffer.from(match[0], 'utf8').toString('latin1'), vocabulary);
  }
  return total;
}

/** Heap keys are `rank * POSITION_RANGE + position`: lowest rank first, then leftmost. */
const POSITION_RANGE = 2 ** 32;

/** Tokens of one piece, given as one latin1 character per UTF-8 byte. */
function countPiece(bytes: string, { ranks, longestToken }: Cl100kRanks): number {
  const length = bytes.length;
  if (length <= 1) return length;
  if (ranks.has(bytes)) return 1;

  const rankOf = (start: number, end: number): number =>
    end - start > longestToken ? -1 : (ranks.get(bytes.slice(start, end)) ?? -1);

  // Parts of the piece as a linked list of their start positions; `pairRank[p]` is the rank of
  // the part starting at p joined with the next part, -1 when that is no token (or p is gone).
  const next = new Int32Array(length);
  const previous = new Int32Array(length);
  const pairRank = new Int32Array(length);
  const heap = new MinHeap();
  for (let p = 0; p < length; p += 1) {
    next[p] = p + 1;
    previous[p] = p - 1;
    pairRank[p] = p + 1 < length ? rankOf(p, p + 2) : -1;
    if (pairRank[p] >= 0) heap.push(pairRank[p] * POSITION_RANGE + p);
  }

  let parts = length;
  while (heap.size > 0) {
    const key = heap.pop();
    const left = key % POSITION_RANGE;
    const rank = (key - left) / POSITION_RANGE;
    // A key whose pair has changed since it was pushed is stale; the changed pair has its own.
    if (pairRank[left] !== rank) continue;

    const right = next[left];
    const after = next[right];
    next[left] = after;
    pairRank[right] = -1;
    if (after < length) previous[after] = left;
    parts -= 1;

    pairRank[left] = after < length ? rankOf(left, next[after]) : -1;
    if (pairRank[left] >= 0) heap.push(pairRank[left] * POSITION_RANGE + left);
    if (left > 0) {
      const before = previous[left];
      pairRank[before] = rankOf(before, after);
      if (pairRank[before] >= 0) heap.push(pairRank[before] * POSITION_RANGE + before);
    }
  }
  return parts;
}

/** A binary min-heap of numbers. */
class MinHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(value: number): void {
    const items = this.items;
    let i = items.length;
    items.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent] <= value) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = value;
  }

  /** Removes and returns the smallest value; the heap must not be empty. */
  pop(): number {
    const items = this.items;
    const top = items[0];
    const last = items.pop() as number;
    const size = items.length;
    if (size === 0) return top;

    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && items[child + 1] < items[child]) child += 1;
      if (items[child] >= last) break;
      items[i] = items[child];
      i = child;
    }
    items[i] = last;
    return top;
  }
}
