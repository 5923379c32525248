export * from './client-address';
export * from './client-ip';
export * from './http-error.filter';
export * from './ip-matcher';
export * from './panel-session-cookie';
export * from './rate-limit-headers';
export * from './throttle-identity';
export * from './target-address';
