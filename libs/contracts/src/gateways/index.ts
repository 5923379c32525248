export * from './gateway-registry';
