export * from './account-events';
export * from './event-envelope';
export * from './key-events';
export * from './usage-events';
export * from './notice-events';
