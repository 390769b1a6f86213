// The workspace resolves modules the classic Node way, which does not read the `exports` map that
// js-tiktoken uses to publish this file's types; the runtime `require` resolves it fine.
declare module 'js-tiktoken/ranks/cl100k_base' {
  import type { TiktokenBPE } from 'js-tiktoken/lite';

  const ranks: TiktokenBPE;
  export default ranks;
}
