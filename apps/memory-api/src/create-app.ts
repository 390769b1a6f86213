import { LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { bodyParserErrors } from './common/http/body-parser-errors';
import { requireJsonContentType } from './common/http/json-content-type';
import { AppConfig } from './config/app-config';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';

/**
 * The configured app, not yet listening: `main.ts` starts it, tests `init()` it and talk to its
 * HTTP server.
 */
export async function createApp(
  config: AppConfig,
  logger?: LoggerService | LogLevel[] | false,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger,
  });

  // Order matters: metrics first so that refused bodies are counted, then the refusal of bodies
  // that are not JSON, the only body parser and its error handler, all before Nest's routes.
  app.use(app.get(HttpMetricsMiddleware).handle);
  app.use(requireJsonContentType());
  app.useBodyParser('json', { limit: config.maxBodyBytes });
  app.use(bodyParserErrors(config.maxBodyBytes));

  return app;
}
