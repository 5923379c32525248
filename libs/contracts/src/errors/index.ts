export * from './domain-error';
export * from './error-codes';
export * from './http-errors';
export * from './edge-errors';
export * from './quota-errors';
export * from './upstream-errors';
