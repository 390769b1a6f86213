/** A change carried a fencing token lower than one the store already accepted for that memory. */
export class StaleFencingTokenError extends Error {
  constructor(
    readonly memoryId: string,
    readonly fencingToken: number,
    readonly lastFencingToken: number,
  ) {
    super(
      `Change of memory "${memoryId}" refused: its fencing token ${fencingToken} is lower than ` +
        `${lastFencingToken}, which was already accepted; a newer holder of the lock has written`,
    );
    this.name = 'StaleFencingTokenError';
  }
}
