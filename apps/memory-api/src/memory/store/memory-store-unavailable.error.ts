/** The store could not be reached or could not serve the call; `cause` holds the original error. */
export class MemoryStoreUnavailableError extends Error {
  constructor(operation: string, cause: unknown) {
    super(
      `Memory store unavailable during ${operation}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = 'MemoryStoreUnavailableError';
  }
}
