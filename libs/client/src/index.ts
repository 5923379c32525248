export * from './keygate-client';
export * from './keygate.guard';
export * from './keygate.module';
