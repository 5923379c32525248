export * from './record-fold';
export * from './checkpoint';
