export * from './webhook-sender';
export * from './webhook-target';
