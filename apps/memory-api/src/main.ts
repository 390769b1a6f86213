import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { ConfigError } from './config/config.error';
import { parseConfig } from './config/parse-config';
import { redactUrl } from './config/redact-url';
import { createApp } from './create-app';

const logger = new Logger('MemoryApi');

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  if (!config) {
    process.exitCode = 1;
    return;
  }

  const app = await createApp(config);
  app.enableShutdownHooks();
  logBackends(config);
  logAdmin(config);

  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    logger.error(
      `Port ${config.port} on ${config.host} is already in use; set PORT to a free port`,
    );
    await app.close();
    process.exitCode = 1;
    return;
  }
  logger.log(`memory-api listening on ${await app.getUrl()}`);
}

function loadConfig(): AppConfig | undefined {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logger.error(`Configuration error: ${error.message}`);
    return undefined;
  }
}

function logAdmin(config: AppConfig): void {
  if (config.adminEnabled) {
    logger.log('admin routes enabled at /admin/locks/:name (Authorization: Bearer <ADMIN_TOKEN>)');
  }
}

function logBackends(config: AppConfig): void {
  if (config.redisUrl) {
    logger.log(
      `memory store and lock on Redis at ${redactUrl(config.redisUrl)} (key prefix "${config.memoryKeyPrefix}")`,
    );
  } else {
    logger.warn(
      'no REDIS_URL: running on the embedded in-process store and lock; data is lost on exit and replicas do not share it',
    );
  }
}

bootstrap().catch((error: unknown) => {
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
