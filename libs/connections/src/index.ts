export * from './mongo.connection';
export * from './redis-lock';
export * from './redis.connection';
export * from './rpc';
export * from './bootstrap';
export * from './rpc-error.filter';
export * from './bull-connections';
export * from './bulk-write';
