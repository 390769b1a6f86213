import { AppendAttempt } from '../history';
import { CheckContext } from './check-context';

/**
 * Appends run under the instance's lock: the seqs of one append form a run that no other append
 * cuts into, no seq is handed out twice, and a later grant carries a larger fencing token.
 */
export function checkAppendGrants({ history, report }: CheckContext): void {
  const acked = history.appends.filter(
    (attempt) =>
      attempt.outcome === 'acked' && attempt.seqs !== undefined && attempt.seqs.length > 0,
  );

  const owners: { seq: number; owner: number }[] = [];
  acked.forEach((attempt, owner) => {
    for (const seq of attempt.seqs as number[]) owners.push({ seq, owner });
  });
  owners.sort((a, b) => a.seq - b.seq);

  const finished = new Set<number>();
  for (let i = 0; i < owners.length; i++) {
    const { seq, owner } = owners[i];
    if (i > 0 && owners[i - 1].seq === seq) report('duplicate', `seq ${seq} acked to two messages`);
    if (finished.has(owner)) {
      report(
        'interleaved-append',
        `an append's seqs are split by another append before seq ${seq}`,
      );
    }
    if (i + 1 < owners.length && owners[i + 1].owner !== owner) finished.add(owner);
  }

  const firstSeq = (attempt: AppendAttempt) => Math.min(...(attempt.seqs as number[]));
  const byFirstSeq = acked
    .filter((attempt) => attempt.fencingToken !== undefined)
    .sort((a, b) => firstSeq(a) - firstSeq(b));
  for (let i = 1; i < byFirstSeq.length; i++) {
    const [before, after] = [byFirstSeq[i - 1], byFirstSeq[i]];
    if ((after.fencingToken as number) <= (before.fencingToken as number)) {
      report(
        'fencing-order',
        `append at seq ${firstSeq(after)} holds fencing token ${after.fencingToken}, ` +
          `not above ${before.fencingToken} of the append at seq ${firstSeq(before)}`,
      );
    }
  }
}
