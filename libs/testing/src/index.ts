export * from './boot-service';
export * from './event-stream.reader';
export * from './manual-clock';
export * from './test-env';
export * from './echo-upstream';
export * from './key-service-commands';
export * from './system-harness';
export * from './key-service-harness';
