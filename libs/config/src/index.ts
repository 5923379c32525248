export * from './config.module';
export * from './keygate-config';
export * from './local-pepper';
export * from './plans';
