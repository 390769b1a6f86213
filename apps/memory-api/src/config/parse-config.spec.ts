import { ConfigError } from './config.error';
import { parseConfig } from './parse-config';
import { redactUrl } from './redact-url';

function errorOf(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    expect(parseConfig({})).toEqual({
      redisUrl: undefined,
      port: 3000,
      host: '127.0.0.1',
      lockTtlMs: 30000,
      lockWaitTimeoutMs: 10000,
      maxBodyBytes: 1048576,
      memoryKeyPrefix: 'memapi',
      adminEnabled: false,
    });
  });

  it('reads every variable', () => {
    const config = parseConfig({
      REDIS_URL: 'rediss://:pw@cache.internal:6380/2',
      PORT: '8080',
      HOST: '::1',
      LOCK_TTL_MS: '5000',
      LOCK_WAIT_TIMEOUT_MS: '0',
      MAX_BODY_BYTES: '2048',
      MEMORY_KEY_PREFIX: 'tenant-a:mem',
      ADMIN_ENABLED: 'true',
      ADMIN_TOKEN: 'a-token-of-24-characters',
    });
    expect(config).toEqual({
      redisUrl: 'rediss://:pw@cache.internal:6380/2',
      port: 8080,
      host: '::1',
      lockTtlMs: 5000,
      lockWaitTimeoutMs: 0,
      maxBodyBytes: 2048,
      memoryKeyPrefix: 'tenant-a:mem',
      adminEnabled: true,
      adminToken: 'a-token-of-24-characters',
    });
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ REDIS_URL: '', PORT: ' ' })).toMatchObject({
      redisUrl: undefined,
      port: 3000,
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '3000.5'],
    ['LOCK_TTL_MS', '0'],
    ['LOCK_TTL_MS', '1'],
    ['LOCK_TTL_MS', '1e4'],
    ['LOCK_WAIT_TIMEOUT_MS', '-5'],
    ['LOCK_WAIT_TIMEOUT_MS', '1e3'],
    ['LOCK_WAIT_TIMEOUT_MS', '2147483647'],
    ['MAX_BODY_BYTES', '1mb'],
    ['MEMORY_KEY_PREFIX', 'has space'],
    ['MEMORY_KEY_PREFIX', 'a{b}'],
    ['HOST', 'two words'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
    ['REDIS_URL', 'localhost:6379'],
    ['ADMIN_ENABLED', 'yes'],
    ['ADMIN_ENABLED', '1'],
  ])('names %s when its value %j is bad', (variable, value) => {
    const error = errorOf({ [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(new RegExp(`^Invalid ${variable}=`));
  });

  describe('lock settings', () => {
    it.each(['1', '2', '999'])(
      'refuse a lease LOCK_TTL_MS=%s shorter than 1 s, saying why',
      (ttl) => {
        const error = errorOf({ LOCK_TTL_MS: ttl });

        expect(error.variable).toBe('LOCK_TTL_MS');
        expect(error.message).toBe(
          `Invalid LOCK_TTL_MS="${ttl}": expected an integer from 1000 to 2147483647 (a shorter lease can end before a change is written)`,
        );
      },
    );

    it('take a lease of 1 s', () => {
      expect(parseConfig({ LOCK_TTL_MS: '1000' }).lockTtlMs).toBe(1000);
    });

    it('take a wait of 0 (one try) to 10 minutes, and refuse a longer one', () => {
      expect(parseConfig({ LOCK_WAIT_TIMEOUT_MS: '0' }).lockWaitTimeoutMs).toBe(0);
      expect(parseConfig({ LOCK_WAIT_TIMEOUT_MS: '600000' }).lockWaitTimeoutMs).toBe(600_000);

      const error = errorOf({ LOCK_WAIT_TIMEOUT_MS: '600001' });
      expect(error.variable).toBe('LOCK_WAIT_TIMEOUT_MS');
      expect(error.message).toBe(
        'Invalid LOCK_WAIT_TIMEOUT_MS="600001": expected an integer from 0 to 600000 (0 tries the lock once; a longer wait outlasts the clients)',
      );
    });
  });

  describe('admin routes', () => {
    it('are off by default, and ADMIN_TOKEN alone does not turn them on', () => {
      const config = parseConfig({ ADMIN_TOKEN: 'sixteen-chars-ok' });

      expect(config.adminEnabled).toBe(false);
      expect(config).not.toHaveProperty('adminToken');
    });

    it('need ADMIN_TOKEN when ADMIN_ENABLED=true', () => {
      const error = errorOf({ ADMIN_ENABLED: 'true' });

      expect(error.variable).toBe('ADMIN_TOKEN');
      expect(error.message).toBe(
        'Invalid ADMIN_TOKEN: ADMIN_ENABLED=true needs a token of at least 16 characters (it is unset)',
      );
    });

    it('refuse a token shorter than 16 characters, without showing it', () => {
      const error = errorOf({ ADMIN_ENABLED: 'true', ADMIN_TOKEN: 'fifteen-chars-x' });

      expect(error.variable).toBe('ADMIN_TOKEN');
      expect(error.message).toContain('at least 16 characters (it is shorter)');
      expect(error.message).not.toContain('fifteen-chars-x');
    });

    it('accept a token of 16 characters', () => {
      expect(parseConfig({ ADMIN_ENABLED: 'true', ADMIN_TOKEN: 'sixteen-chars-ok' })).toMatchObject(
        { adminEnabled: true, adminToken: 'sixteen-chars-ok' },
      );
    });
  });

  it('never puts a password of REDIS_URL into the message', () => {
    const error = errorOf({ REDIS_URL: 'http://user:s3cret@host:6379' });
    expect(error.message).toContain('REDIS_URL');
    expect(error.message).not.toContain('s3cret');
  });
});

describe('redactUrl', () => {
  it('hides the password', () => {
    expect(redactUrl('redis://default:s3cret@127.0.0.1:6379/0')).toBe(
      'redis://default:***@127.0.0.1:6379/0',
    );
    expect(redactUrl('rediss://:s3cret@cache:6380')).toBe('rediss://:***@cache:6380');
  });

  it('hides a lone user part, which some providers use as the password', () => {
    expect(redactUrl('redis://s3cret@cache:6379')).toBe('redis://***@cache:6379');
  });

  it('leaves a URL without credentials as it is', () => {
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });

  it('does not echo what it cannot parse', () => {
    expect(redactUrl('::s3cret::')).toBe('<unparsable url>');
  });
});
