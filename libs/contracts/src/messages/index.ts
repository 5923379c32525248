export * from './message-patterns';
