export { RedisServer, redisServerBinary } from './redis-server';
export type { RedisServerOptions } from './redis-server';
export { freePort } from './free-port';
export { ScriptProcess } from './script-process';
export type { ScriptEvent } from './script-process';
