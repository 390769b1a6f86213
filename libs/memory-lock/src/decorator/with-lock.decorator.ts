import { Inject } from '@nestjs/common';
import { InvalidLockOptionsError } from '../errors';
import { LockOptions } from '../lock.options';
import type { DistributedLockService } from '../service/distributed-lock.service';

/**
 * Token under which `MemoryLockModule` provides the lock service to `@WithLock()` methods. Its text
 * is what Nest prints when a class using `@WithLock()` sits in a module without the lock module.
 */
export const WITH_LOCK_SERVICE =
  'DistributedLockService (import MemoryLockModule into the module that provides this class: it uses @WithLock())';

const LOCK_SERVICE = Symbol('memoryLockService');
const INJECTED = Symbol('memoryLockServiceInjected');

/** A lock name from the method's arguments: a template such as `memory:{0}` or `{1.id}`, or a function. */
// `any` lets a function with the method's own parameter types be passed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LockNameFrom = string | ((...args: any[]) => string);

/**
 * Runs an async provider method only while the lock is held. Inside it, `currentLock()` returns the
 * handle (fencing token, loss signal). A class whose module did not import `MemoryLockModule`
 * fails at start-up.
 *
 * @example
 * @WithLock('memory:{0}', { kind: 'memory' })
 * async append(id: string, messages: Message[]) {
 *   await this.store.append(id, messages, currentLock()!.fencingToken);
 * }
 */
export function WithLock(
  nameFrom: LockNameFrom,
  options: Omit<LockOptions, 'signal'> = {},
): MethodDecorator {
  return (target, propertyKey, descriptor) => {
    const original = descriptor.value;
    if (typeof original !== 'function') {
      throw new TypeError(`@WithLock() decorates methods; ${String(propertyKey)} is not one`);
    }
    if (!Reflect.getOwnMetadata(INJECTED, target)) {
      Inject(WITH_LOCK_SERVICE)(target, LOCK_SERVICE);
      Reflect.defineMetadata(INJECTED, true, target);
    }
    const where = `${target.constructor.name}.${String(propertyKey)}`;

    const locked = async function (
      this: Record<symbol, DistributedLockService | undefined>,
      ...args: unknown[]
    ) {
      const service = this[LOCK_SERVICE];
      if (!service) {
        throw new Error(`@WithLock() on ${where} runs only on an instance that Nest created`);
      }
      const name = lockNameOf(nameFrom, args, where);
      return service.withLock(name, () => original.apply(this, args), options);
    };
    for (const key of Reflect.getMetadataKeys(original)) {
      Reflect.defineMetadata(key, Reflect.getMetadata(key, original), locked);
    }
    Object.defineProperty(locked, 'name', { value: original.name });
    descriptor.value = locked as typeof original;
    return descriptor;
  };
}

const PLACEHOLDER = /\{(\d+)((?:\.[A-Za-z_$][\w$]*)*)\}/g;

export function lockNameOf(nameFrom: LockNameFrom, args: unknown[], where: string): string {
  if (typeof nameFrom === 'function') return nameFrom(...args);
  return nameFrom.replace(PLACEHOLDER, (_, index: string, path: string) => {
    let value: unknown = args[Number(index)];
    for (const key of path.split('.').filter(Boolean)) {
      value = value == null ? undefined : (value as Record<string, unknown>)[key];
    }
    if (value === undefined || value === null || value === '') {
      throw new InvalidLockOptionsError(
        nameFrom,
        'name',
        value,
        `a value for {${index}${path}} in ${where}`,
      );
    }
    return String(value);
  });
}
