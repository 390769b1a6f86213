// The package declares this entry only through `exports`, which `moduleResolution: node` ignores.
declare module 'js-tiktoken/ranks/cl100k_base' {
  const ranks: {
    pat_str: string;
    special_tokens: Record<string, number>;
    bpe_ranks: string;
  };
  export default ranks;
}
