import { Rng } from '../rng';
import { Transcript, Turn } from '../transcripts';

/** Walks through the conversations turn by turn, moving to a random one at the end of each. */
export class TurnSource {
  private transcript: Transcript;
  private index: number;

  constructor(
    private readonly transcripts: Transcript[],
    private readonly rng: Rng,
  ) {
    this.transcript = rng.pick(transcripts);
    this.index = rng.int(0, this.transcript.turns.length - 1);
  }

  take(count: number): Turn[] {
    const turns: Turn[] = [];
    while (turns.length < count) {
      if (this.index >= this.transcript.turns.length) {
        this.transcript = this.rng.pick(this.transcripts);
        this.index = 0;
      }
      turns.push(this.transcript.turns[this.index++]);
    }
    return turns;
  }
}
