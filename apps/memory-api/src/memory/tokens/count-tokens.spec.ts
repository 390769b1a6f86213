import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100kBase from 'js-tiktoken/ranks/cl100k_base';
import { countTokens } from './count-tokens';

/** js-tiktoken's own encoder, which the counts must equal. */
const reference = new Tiktoken(cl100kBase);
const referenceCount = (text: string) => reference.encode(text, [], []).length;

const TRANSCRIPTS = join(__dirname, '../../../../../tools/main-job/transcripts');

/** A deterministic sequence of numbers below `n`. */
function randomBelow(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) & 0x7fffffff;
    return state % n;
  };
}

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

  it('gives the count of js-tiktoken for every message of the committed transcripts', () => {
    const contents = readdirSync(TRANSCRIPTS)
      .filter((file) => file.endsWith('.json'))
      .flatMap((file) => {
        const transcript = JSON.parse(readFileSync(join(TRANSCRIPTS, file), 'utf8'));
        return (transcript.turns as { content: string }[]).map((turn) => turn.content);
      });
    expect(contents.length).toBeGreaterThan(100);

    for (const content of contents)
      expect([content, countTokens(content)]).toEqual([content, referenceCount(content)]);
  });

  it('gives the count of js-tiktoken for mixed text with runs of every kind of character', () => {
    const pieces = [
      'a',
      'Z',
      'é',
      'ß',
      '世',
      'ا',
      'ह',
      '7',
      '0',
      ' ',
      '  ',
      '\n',
      '\r\n',
      '\t',
      '\u00a0',
      '!',
      '?',
      '.',
      '-',
      '=',
      '_',
      '😀',
      '👍🏽',
      '\u200d',
      '\u0301',
      "'s",
      "'LL",
      '<|endoftext|>',
      'https://',
      '\ud800',
      '\udc00',
    ];
    const random = randomBelow(7);
    for (let sample = 0; sample < 600; sample += 1) {
      let text = '';
      const length = 1 + random(40);
      for (let i = 0; i < length; i += 1) {
        const piece = pieces[random(pieces.length)];
        text += random(5) === 0 ? piece.repeat(1 + random(60)) : piece;
      }
      expect([text, countTokens(text)]).toEqual([text, referenceCount(text)]);
    }
  });

  it.each([
    ['letters', 'a'.repeat(600)],
    [
      'random letters',
      Array.from({ length: 600 }, (_, i) => 'qwertyuiopasdfghjkl'[(i * 7) % 19]).join(''),
    ],
    ['spaces', ' '.repeat(600)],
    ['spaces before a word', `${' '.repeat(600)}word`],
    ['newlines', '\n'.repeat(600)],
    ['punctuation', '!'.repeat(600)],
    ['digits', '7'.repeat(600)],
    ['emoji', '😀'.repeat(150)],
    ['CJK', '世界'.repeat(100)],
    ['combining marks', `a${'\u0301'.repeat(300)}`],
  ])('gives the count of js-tiktoken for a long run of %s', (_kind, text) => {
    expect(countTokens(text)).toBe(referenceCount(text));
  });

  // js-tiktoken needs minutes for one of these (its cost grows with the square of a run's
  // length); the timeout only stops a hang. The counts follow from the vocabulary: its longest
  // tokens are 8 letters or 8 `!`, 128 spaces, 3 digits, and 😀 is 2 tokens.
  it.each([
    ['letters', 'a'.repeat(200_000), 25_000],
    ['spaces', ' '.repeat(200_000), 1_563],
    ['punctuation', '!'.repeat(200_000), 25_000],
    ['digits', '7'.repeat(200_000), 66_667],
    ['emoji', '😀'.repeat(100_000), 200_000],
  ])(
    'counts a run of 200 000 characters of %s',
    (_kind, text, tokens) => {
      expect(text).toHaveLength(200_000);
      expect(countTokens(text)).toBe(tokens);
    },
    10_000,
  );
});
