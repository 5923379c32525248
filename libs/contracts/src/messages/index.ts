export * from './message-patterns';
export * from './rpc-contract';
