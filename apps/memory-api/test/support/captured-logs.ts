import { LoggerService } from '@nestjs/common';

export interface LogLine {
  level: string;
  context?: string;
  message: string;
}

/** A Nest logger that keeps every line in memory, for specs that check what was logged. */
export class CapturedLogs implements LoggerService {
  readonly lines: LogLine[] = [];

  log(message: unknown, ...rest: unknown[]): void {
    this.add('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.add('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.add('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.add('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.add('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.add('fatal', message, rest);
  }

  /** Everything logged, one line each, as `level [context] message`. */
  get text(): string {
    return this.lines.map((l) => `${l.level} [${l.context ?? ''}] ${l.message}`).join('\n');
  }

  /** Lines whose message matches, optionally of one context only. */
  matching(pattern: RegExp, context?: string): LogLine[] {
    return this.lines.filter(
      (line) => pattern.test(line.message) && (context === undefined || line.context === context),
    );
  }

  clear(): void {
    this.lines.length = 0;
  }

  private add(level: string, message: unknown, rest: unknown[]): void {
    // Nest passes the context last; an error's stack may come before it.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const text = [message, ...rest]
      .map((part) => (typeof part === 'string' ? part : JSON.stringify(part)))
      .join(' ');
    this.lines.push({ level, context, message: text });
  }
}
