export * from './base62';
export * from './crc32';
export * from './key-secret';
export * from './same-secret';
