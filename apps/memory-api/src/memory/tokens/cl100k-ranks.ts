import cl100kBase from 'js-tiktoken/ranks/cl100k_base';

/**
 * The cl100k_base vocabulary as published by js-tiktoken: every token's bytes, as a string with
 * one character per byte (latin1), mapped to its rank; and the pre-tokenizer pattern.
 */
export interface Cl100kRanks {
  ranks: Map<string, number>;
  /** Length in bytes of the longest token; a longer byte string has no rank. */
  longestToken: number;
  pattern: RegExp;
}

let loaded: Cl100kRanks | undefined;

/** Parses the rank table once per process (about 0.1 s) and keeps it. */
export function cl100kRanks(): Cl100kRanks {
  loaded ??= parse();
  return loaded;
}

function parse(): Cl100kRanks {
  const ranks = new Map<string, number>();
  let longestToken = 0;
  // Each line is `<marker> <rank of the first token> <token> <token> …`, the tokens base64 encoded
  // and numbered on from that rank.
  for (const line of cl100kBase.bpe_ranks.split('\n')) {
    if (!line) continue;
    const [, first, ...tokens] = line.split(' ');
    let rank = Number(first);
    for (const token of tokens) {
      const bytes = Buffer.from(token, 'base64').toString('latin1');
      ranks.set(bytes, rank);
      rank += 1;
      longestToken = Math.max(longestToken, bytes.length);
    }
  }
  if (ranks.size === 0) throw new Error('the cl100k_base rank table of js-tiktoken is empty');
  return { ranks, longestToken, pattern: new RegExp(cl100kBase.pat_str, 'gu') };
}
