/** An environment variable holds a value the service cannot run with. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    value: string,
    expected: string,
  ) {
    super(`Invalid ${variable}=${JSON.stringify(value)}: ${expected}`);
    this.name = 'ConfigError';
  }
}
