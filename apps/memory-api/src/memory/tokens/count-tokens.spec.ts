import { countTokens } from './count-tokens';

describe('countTokens', () => {
  it('counts cl100k_base tokens, not characters', () => {
    expect(countTokens('hello world')).toBe(2);
    expect(countTokens('Hello, how are you today?')).toBe(7);
    expect(countTokens('')).toBe(0);
  });

  it('counts text that looks like a special token as plain text', () => {
    expect(countTokens('<|endoftext|>')).toBe(7);
  });

  it('counts non-Latin text', () => {
    expect(countTokens('こんにちは世界')).toBe(4);
    expect(countTokens('😀')).toBe(2);
  });
});
