/** An environment variable holds a value the service cannot run with. */
export class ConfigError extends Error {
  /**
   * `value` goes into the message; pass `undefined` for a secret, whose value is never shown.
   */
  constructor(
    readonly variable: string,
    value: string | undefined,
    expected: string,
  ) {
    super(
      value === undefined
        ? `Invalid ${variable}: ${expected}`
        : `Invalid ${variable}=${JSON.stringify(value)}: ${expected}`,
    );
    this.name = 'ConfigError';
  }
}
