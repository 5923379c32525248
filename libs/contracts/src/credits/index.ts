export * from './credit-periods';
