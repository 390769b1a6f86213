import { LoggerService } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { AppConfig } from '../../src/config/app-config';
import { parseConfig } from '../../src/config/parse-config';
import { createApp } from '../../src/create-app';

/**
 * An initialised app (not listening) built exactly as `main.ts` builds it, from defaults +
 * overrides. Only errors are logged, unless a logger is given.
 */
export async function startTestApp(
  overrides: Partial<AppConfig> = {},
  logger: LoggerService | false = false,
): Promise<NestExpressApplication> {
  const config: AppConfig = { ...parseConfig({}), ...overrides };
  const app = await createApp(config, logger || ['error']);
  await app.init();
  return app;
}

export const user = (content: string, extra: Record<string, unknown> = {}) => ({
  role: 'user',
  content,
  ...extra,
});

/** Everything stored for one memory, as seen through the API. */
export async function snapshot(app: NestExpressApplication, id: string) {
  const http = app.getHttpServer();
  const page = await request(http).get(`/memories/${id}`).query({ limit: 1000 }).expect(200);
  const stats = await request(http).get(`/memories/${id}/stats`).expect(200);
  return { page: page.body, stats: stats.body };
}

/** Polls `check` until it passes or `timeoutMs` ends; the last failure is thrown. */
export async function eventually(check: () => Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Lets the app listen on a free loopback port and returns its base URL. */
export async function listen(app: NestExpressApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return (await app.getUrl()).replace('[::1]', '127.0.0.1');
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
