/** The base of every error the lock raises; each carries the name of the lock it is about. */
export class LockError extends Error {
  constructor(
    message: string,
    readonly lockName: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
