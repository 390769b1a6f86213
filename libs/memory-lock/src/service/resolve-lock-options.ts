import { InvalidLockOptionsError } from '../errors';
import {
  LockOptions,
  LOCK_DEFAULTS,
  MAX_LOCK_NAME_BYTES,
  MAX_TIMER_MS,
  MIN_LEASE_MS,
} from '../lock.options';

/** Options with every default filled in, checked before any I/O. */
export interface ResolvedLockOptions {
  ttlMs: number;
  waitTimeoutMs: number;
  kind: string;
  fair: boolean;
  autoRenew: boolean;
  signal?: AbortSignal;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const KIND_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

export function assertLockName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length === 0) {
    throw new InvalidLockOptionsError(String(name), 'name', name, 'a non-empty string');
  }
  if (LONE_SURROGATE.test(name)) {
    // UTF-8 has no lone surrogates: two such names would become one Redis key.
    throw new InvalidLockOptionsError(
      name,
      'name',
      JSON.stringify(name),
      'well-formed UTF-16 (no lone surrogates)',
    );
  }
  if (Buffer.byteLength(name, 'utf8') > MAX_LOCK_NAME_BYTES) {
    throw new InvalidLockOptionsError(
      name.slice(0, 32) + '…',
      'name',
      `${Buffer.byteLength(name, 'utf8')} bytes`,
      `at most ${MAX_LOCK_NAME_BYTES} bytes`,
    );
  }
}

export function resolveLockOptions(
  name: string,
  options: LockOptions = {},
  defaults: Omit<LockOptions, 'signal'> = {},
): ResolvedLockOptions {
  assertLockName(name);
  const merged = { ...LOCK_DEFAULTS, ...stripUndefined(defaults), ...stripUndefined(options) };

  const ttl = merged.ttlMs;
  if (!Number.isInteger(ttl) || ttl < MIN_LEASE_MS || ttl > MAX_TIMER_MS) {
    const expected = `an integer from ${MIN_LEASE_MS} to ${MAX_TIMER_MS}`;
    throw new InvalidLockOptionsError(name, 'ttlMs', ttl, expected);
  }
  const wait = merged.waitTimeoutMs;
  if (wait !== Infinity && (!Number.isInteger(wait) || wait < 0 || wait > MAX_TIMER_MS)) {
    throw new InvalidLockOptionsError(
      name,
      'waitTimeoutMs',
      wait,
      `an integer from 0 to ${MAX_TIMER_MS}, or Infinity`,
    );
  }
  if (typeof merged.kind !== 'string' || !KIND_PATTERN.test(merged.kind)) {
    throw new InvalidLockOptionsError(
      name,
      'kind',
      merged.kind,
      'a short label of letters, digits, _ . - (a metrics label)',
    );
  }
  if (typeof merged.fair !== 'boolean') {
    throw new InvalidLockOptionsError(name, 'fair', merged.fair, 'a boolean');
  }
  if (typeof merged.autoRenew !== 'boolean') {
    throw new InvalidLockOptionsError(name, 'autoRenew', merged.autoRenew, 'a boolean');
  }
  if (merged.signal !== undefined && !(merged.signal instanceof AbortSignal)) {
    throw new InvalidLockOptionsError(name, 'signal', merged.signal, 'an AbortSignal');
  }
  return merged as ResolvedLockOptions;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
