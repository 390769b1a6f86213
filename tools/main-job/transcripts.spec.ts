import { loadTranscripts, parseTranscript, ROLES } from './transcripts';

describe('the committed transcripts', () => {
  const transcripts = loadTranscripts();

  it('are a small set of conversations of 10 to 30 turns', () => {
    expect(transcripts.length).toBeGreaterThanOrEqual(6);
    expect(transcripts.length).toBeLessThanOrEqual(10);
    for (const transcript of transcripts) {
      expect(transcript.turns.length).toBeGreaterThanOrEqual(10);
      expect(transcript.turns.length).toBeLessThanOrEqual(30);
    }
  });

  it('use every role, and include code, several paragraphs and text beyond ASCII', () => {
    const turns = transcripts.flatMap((transcript) => transcript.turns);

    expect(new Set(turns.map((turn) => turn.role))).toEqual(new Set(ROLES));
    expect(turns.some((turn) => turn.content.includes('```'))).toBe(true);
    expect(turns.some((turn) => turn.content.split('\n\n').length >= 4)).toBe(true);
    expect(turns.some((turn) => /\p{Extended_Pictographic}/u.test(turn.content))).toBe(true);
    expect(turns.some((turn) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(turn.content))).toBe(true);
  });
});

describe('parseTranscript', () => {
  it('names the file and the turn it rejects', () => {
    expect(() =>
      parseTranscript('x', { title: 't', turns: [{ role: 'robot', content: 'hi' }] }),
    ).toThrow('transcript x: turn 0: unknown role robot');
    expect(() =>
      parseTranscript('x', { title: 't', turns: [{ role: 'user', content: ' ' }] }),
    ).toThrow('transcript x: turn 0: empty content');
    expect(() => parseTranscript('x', { turns: [] })).toThrow('transcript x: missing title');
  });
});
