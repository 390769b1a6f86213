import { AppendAttempt, FinalState, InstanceHistory, SentMessage, StoredMessage } from '../history';
import { checkInstance } from './check-instance';

/** One token per word keeps the arithmetic visible. */
const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** A tiny faithful store: what a correct service would answer and hold. */
class FakeMemory {
  readonly history: InstanceHistory = { id: 'm1', appends: [], flushes: [] };
  stored: StoredMessage[] = [];
  private seq = 0;
  private fencing = 0;
  private n = new Map<number, number>();

  append(client: number, ...texts: string[]): AppendAttempt {
    const messages = texts.map((content): SentMessage => {
      const n = (this.n.get(client) ?? 0) + 1;
      this.n.set(client, n);
      return { client, n, role: 'user', content };
    });
    const seqs = messages.map(() => ++this.seq);
    const tokens = messages.map((message) => countWords(message.content));
    messages.forEach((message, i) =>
      this.stored.push({
        seq: seqs[i],
        role: message.role,
        content: message.content,
        metadata: { client, n: message.n },
        tokens: tokens[i],
      }),
    );
    const attempt: AppendAttempt = {
      outcome: 'acked',
      messages,
      fencingToken: ++this.fencing,
      seqs,
      tokens,
    };
    this.history.appends.push(attempt);
    return attempt;
  }

  flush(maxMessages: number): void {
    this.fencing++;
    const cut = Math.max(0, this.stored.length - maxMessages);
    const gone = this.stored.splice(0, cut);
    this.history.flushes.push({
      outcome: 'acked',
      trimmedSeqs: gone.map((message) => message.seq),
      trimmedMessages: gone.length,
      trimmedTokens: gone.reduce((sum, message) => sum + message.tokens, 0),
    });
  }

  final(): FinalState {
    const tokenCount = this.stored.reduce((sum, message) => sum + message.tokens, 0);
    const messageCount = this.stored.length;
    return {
      messages: this.stored.map((message) => ({ ...message })),
      get: { messageCount, tokenCount },
      stats: { messageCount, tokenCount, lastSeq: this.seq, lastFencingToken: this.fencing },
    };
  }
}

function busyMemory(): FakeMemory {
  const memory = new FakeMemory();
  memory.append(1, 'hello there', 'how are you');
  memory.append(2, 'a tool answered with three words');
  memory.append(1, 'fine thanks');
  memory.flush(3);
  memory.append(3, 'one more line');
  memory.append(2, 'and the last one');
  return memory;
}

function kinds(history: InstanceHistory, final: FinalState): string[] {
  return checkInstance(history, final, countWords).problems.map((problem) => problem.kind);
}

describe('checkInstance', () => {
  it('accepts a history that a correct store produced', () => {
    const memory = busyMemory();

    const verdict = checkInstance(memory.history, memory.final(), countWords);

    expect(verdict.problems).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(verdict.summary).toEqual({
      ackedMessages: 6,
      presentMessages: 5,
      trimmedMessages: 1,
      unconfirmedTrims: 0,
      uncertainPresent: 0,
      tokenCount: 18,
    });
  });

  it('catches an acked append that is gone without a flush', () => {
    const memory = busyMemory();
    const final = memory.final();
    const lost = final.messages.splice(1, 1)[0];
    final.get.messageCount = final.stats.messageCount = final.messages.length;
    final.get.tokenCount = final.stats.tokenCount -= lost.tokens;

    expect(kinds(memory.history, final)).toEqual(['lost-append']);
  });

  it('catches a message stored twice', () => {
    const memory = busyMemory();
    const final = memory.final();
    const copy = { ...final.messages[2], seq: 99 };
    final.messages.push(copy);

    expect(kinds(memory.history, final)).toContain('duplicate');
  });

  it("catches two messages of one client stored out of the client's order", () => {
    const memory = new FakeMemory();
    memory.append(1, 'first');
    memory.append(1, 'second');
    const final = memory.final();
    const [a, b] = final.messages;
    final.messages = [
      { ...b, seq: a.seq },
      { ...a, seq: b.seq },
    ];

    const found = kinds(memory.history, final);

    expect(found).toContain('out-of-order');
    expect(found).toContain('seq-mismatch');
  });

  it('catches a client whose acked seqs run against its own order', () => {
    const memory = new FakeMemory();
    const first = memory.append(1, 'first');
    const second = memory.append(1, 'second');
    [first.seqs, second.seqs] = [second.seqs, first.seqs];
    [first.fencingToken, second.fencingToken] = [second.fencingToken, first.fencingToken];

    expect(kinds(memory.history, memory.final())).toContain('out-of-order');
  });

  it('catches a wrong message count and a wrong token count', () => {
    const memory = busyMemory();
    const final = memory.final();
    final.stats.messageCount += 1;
    final.get.tokenCount -= 2;

    const problems = checkInstance(memory.history, final, countWords).problems;

    expect(problems.map((problem) => problem.kind)).toEqual(['count-mismatch', 'count-mismatch']);
    expect(problems[0].detail).toBe('GET tokenCount 16, recount 18');
    expect(problems[1].detail).toBe('stats messageCount 6, recount 5');
  });

  it('catches a token count in an append answer that is not the real one, even once trimmed', () => {
    const memory = busyMemory();
    memory.history.appends[0].tokens = [3, 3];

    expect(kinds(memory.history, memory.final())).toEqual(['token-mismatch', 'flush-response']);
  });

  it('catches a per-message token count that is not the real one', () => {
    const memory = busyMemory();
    const final = memory.final();
    final.messages[0].tokens = 100;

    expect(kinds(memory.history, final)).toEqual(['token-mismatch']);
  });

  it('catches a message that no client sent, and one the service refused', () => {
    const memory = busyMemory();
    memory.history.appends.push({
      outcome: 'refused',
      messages: [{ client: 9, n: 1, role: 'user', content: 'never stored' }],
    });
    const final = memory.final();
    final.messages.push(
      { seq: 50, role: 'user', content: 'from nowhere', tokens: 2 },
      { seq: 51, role: 'user', content: 'never stored', metadata: { client: 9, n: 1 }, tokens: 2 },
    );

    const found = kinds(memory.history, final);

    expect(found).toContain('unknown-message');
    expect(found).toContain('refused-present');
  });

  it('catches a flush that trimmed a newer message while an older one survives', () => {
    const memory = new FakeMemory();
    memory.append(1, 'old');
    memory.append(2, 'new');
    const final = memory.final();
    final.messages.splice(1, 1);
    final.get = { messageCount: 1, tokenCount: 1 };
    final.stats = { ...final.stats, ...final.get };
    memory.history.flushes.push({
      outcome: 'acked',
      trimmedSeqs: [2],
      trimmedMessages: 1,
      trimmedTokens: 1,
    });

    expect(kinds(memory.history, final)).toEqual(['trim-order']);
  });

  it('catches a trimmed message that is still stored, and a flush answer that disagrees with itself', () => {
    const memory = busyMemory();
    memory.history.flushes.push({
      outcome: 'acked',
      trimmedSeqs: [4],
      trimmedMessages: 2,
      trimmedTokens: 2,
    });

    const found = kinds(memory.history, memory.final());

    expect(found).toContain('trimmed-present');
    expect(found).toContain('flush-response');
  });

  it('catches fencing tokens that do not grow with the seqs', () => {
    const memory = busyMemory();
    memory.history.appends[3].fencingToken = 1;

    expect(kinds(memory.history, memory.final())).toContain('fencing-order');
  });

  it('catches two appends whose messages interleave', () => {
    const memory = new FakeMemory();
    const a = memory.append(1, 'a one', 'a two');
    const b = memory.append(2, 'b one', 'b two');
    a.seqs = [1, 3];
    b.seqs = [2, 4];
    const final = memory.final();
    final.messages = [
      { ...final.messages[0], seq: 1 },
      { ...final.messages[2], seq: 2 },
      { ...final.messages[1], seq: 3 },
      { ...final.messages[3], seq: 4 },
    ];

    expect(kinds(memory.history, final)).toContain('interleaved-append');
  });

  it('catches seqs that do not grow and stats that fall behind', () => {
    const memory = busyMemory();
    const final = memory.final();
    final.messages[2].seq = final.messages[1].seq;
    final.stats.lastSeq = 2;

    const found = kinds(memory.history, final);

    expect(found).toContain('seq-order');
    expect(found).toContain('stats-mismatch');
  });

  it('accepts an unanswered append whether it landed once or not at all, never twice', () => {
    const memory = busyMemory();
    const landed = memory.append(4, 'maybe stored');
    landed.outcome = 'uncertain';
    delete landed.seqs;
    delete landed.fencingToken;
    memory.history.appends.push({
      outcome: 'uncertain',
      messages: [{ client: 4, n: 2, role: 'user', content: 'maybe not' }],
    });

    const verdict = checkInstance(memory.history, memory.final(), countWords);
    expect(verdict.problems).toEqual([]);
    expect(verdict.summary.uncertainPresent).toBe(1);

    const final = memory.final();
    final.messages.push({ ...final.messages[final.messages.length - 1], seq: 99 });
    expect(kinds(memory.history, final)).toContain('duplicate');
  });

  it('lets an unanswered flush explain missing old messages, not new ones', () => {
    const memory = busyMemory();
    const final = memory.final();
    const [oldest] = final.messages.splice(0, 1);
    final.get.messageCount = final.stats.messageCount = final.messages.length;
    final.get.tokenCount = final.stats.tokenCount -= oldest.tokens;
    memory.history.flushes.push({ outcome: 'uncertain' });

    const verdict = checkInstance(memory.history, final, countWords);
    expect(verdict.problems).toEqual([]);
    expect(verdict.summary.unconfirmedTrims).toBe(1);

    const newest = final.messages.pop() as StoredMessage;
    final.get.messageCount = final.stats.messageCount = final.messages.length;
    final.get.tokenCount = final.stats.tokenCount -= newest.tokens;
    expect(kinds(memory.history, final)).toEqual(['lost-append']);
  });
});
