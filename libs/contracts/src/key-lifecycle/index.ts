export * from './key-fold';
export * from './key-status';
