export * from './dto';
export * from './errors';
export * from './events';
export * from './messages';
export * from './clock';
export * from './read-model';
export * from './key-lifecycle';
export * from './public-api';
