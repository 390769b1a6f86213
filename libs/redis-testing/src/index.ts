export { RedisServer, RedisServerOptions, redisServerBinary } from './redis-server';
export { freePort } from './free-port';
