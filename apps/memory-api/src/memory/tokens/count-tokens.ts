import { Tiktoken } from 'js-tiktoken/lite';
import cl100kBase from 'js-tiktoken/ranks/cl100k_base';

let encoder: Tiktoken | undefined;

/**
 * Number of cl100k_base tokens of `text`. Text that looks like a special token (`<|endoftext|>`)
 * is counted as the plain text it is, since it comes from users and is never a control token here.
 */
export function countTokens(text: string): number {
  // Building the encoder parses the whole rank table, so it is done once per process.
  encoder ??= new Tiktoken(cl100kBase);
  return encoder.encode(text, [], []).length;
}
