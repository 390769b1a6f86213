import {
  AppConfig,
  CONFIG_DEFAULTS,
  MAX_LOCK_WAIT_TIMEOUT_MS,
  MIN_ADMIN_TOKEN_LENGTH,
  MIN_LOCK_TTL_MS,
} from './app-config';
import { ConfigError } from './config.error';
import { redactUrl } from './redact-url';

type Env = Record<string, string | undefined>;

/**
 * Reads and checks every setting; throws a `ConfigError` naming the first variable with a bad value.
 * An empty variable counts as unset.
 */
export function parseConfig(env: Env): AppConfig {
  return {
    redisUrl: redisUrl(env),
    port: integer(env, 'PORT', CONFIG_DEFAULTS.port, 0, 65_535),
    host: text(env, 'HOST', CONFIG_DEFAULTS.host, /^\S+$/, 'a host name or IP address'),
    lockTtlMs: integer(
      env,
      'LOCK_TTL_MS',
      CONFIG_DEFAULTS.lockTtlMs,
      MIN_LOCK_TTL_MS,
      2 ** 31 - 1,
      'a shorter lease can end before a change is written',
    ),
    lockWaitTimeoutMs: integer(
      env,
      'LOCK_WAIT_TIMEOUT_MS',
      CONFIG_DEFAULTS.lockWaitTimeoutMs,
      0,
      MAX_LOCK_WAIT_TIMEOUT_MS,
      '0 tries the lock once; a longer wait outlasts the clients',
    ),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', CONFIG_DEFAULTS.maxBodyBytes, 1, 2 ** 31 - 1),
    memoryKeyPrefix: text(
      env,
      'MEMORY_KEY_PREFIX',
      CONFIG_DEFAULTS.memoryKeyPrefix,
      /^[A-Za-z0-9_.:-]{1,64}$/,
      '1 to 64 of A-Z a-z 0-9 _ . : -',
    ),
    ...admin(env),
  };
}

function present(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** A decimal integer from `min` to `max`; `why` explains the range in the message. */
function integer(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  why?: string,
): number {
  const raw = present(env, name);
  if (raw === undefined) return fallback;

  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    const expected = `expected an integer from ${min} to ${max}`;
    throw new ConfigError(name, raw, why ? `${expected} (${why})` : expected);
  }
  return value;
}

function text(env: Env, name: string, fallback: string, pattern: RegExp, expected: string): string {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  if (!pattern.test(raw)) throw new ConfigError(name, raw, `expected ${expected}`);
  return raw;
}

function redisUrl(env: Env): string | undefined {
  const raw = present(env, 'REDIS_URL');
  if (raw === undefined) return undefined;

  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || !url.hostname) {
    // The raw value may carry a password, so only its redacted form goes into the message.
    throw new ConfigError('REDIS_URL', redactUrl(raw), 'expected redis://host:port or rediss://…');
  }
  return raw;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(name, raw, 'expected true or false');
  return raw === 'true';
}

/** The admin routes' settings. The token is checked, but never put into a message. */
function admin(env: Env): Pick<AppConfig, 'adminEnabled' | 'adminToken'> {
  const adminEnabled = flag(env, 'ADMIN_ENABLED', CONFIG_DEFAULTS.adminEnabled);
  if (!adminEnabled) return { adminEnabled };

  const token = present(env, 'ADMIN_TOKEN');
  if (token === undefined || token.length < MIN_ADMIN_TOKEN_LENGTH) {
    const problem = token === undefined ? 'it is unset' : 'it is shorter';
    throw new ConfigError(
      'ADMIN_TOKEN',
      undefined,
      `ADMIN_ENABLED=true needs a token of at least ${MIN_ADMIN_TOKEN_LENGTH} characters (${problem})`,
    );
  }
  return { adminEnabled, adminToken: token };
}
