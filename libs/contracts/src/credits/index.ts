export * from './credit-periods';
export * from './credits-fold';
