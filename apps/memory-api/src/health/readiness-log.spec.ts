import { Logger } from '@nestjs/common';
import { HealthCheckResult } from '@nestjs/terminus';
import { downReasons, ReadinessLog } from './readiness-log';

const ready: HealthCheckResult = {
  status: 'ok',
  info: { lock: { status: 'up' }, store: { status: 'up' } },
  error: {},
  details: { lock: { status: 'up' }, store: { status: 'up' } },
};

const notReady: HealthCheckResult = {
  status: 'error',
  info: { lock: { status: 'up' } },
  error: { store: { status: 'down', reason: 'ping took longer than 1000 ms' } },
  details: {
    lock: { status: 'up' },
    store: { status: 'down', reason: 'ping took longer than 1000 ms' },
  },
};

function recording(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = new Logger('test');
  logger.log = (message: string) => void lines.push(`log ${message}`);
  logger.warn = (message: string) => void lines.push(`warn ${message}`);
  return { logger, lines };
}

describe('ReadinessLog', () => {
  it('logs the first answer, then only changes', () => {
    const { logger, lines } = recording();
    const log = new ReadinessLog(logger);

    for (const result of [ready, ready, notReady, notReady, notReady, ready, ready]) {
      log.record(result);
    }

    expect(lines).toEqual([
      'log ready: the lock backend and the memory store answer',
      'warn not ready: store: ping took longer than 1000 ms',
      'log ready: the lock backend and the memory store answer',
    ]);
  });

  it('names every indicator that is down, with its reason', () => {
    expect(
      downReasons({
        status: 'error',
        error: { lock: { status: 'down', reason: 'no answer' }, store: { status: 'down' } },
        details: {},
      }),
    ).toBe('lock: no answer; store: down');
  });
});
