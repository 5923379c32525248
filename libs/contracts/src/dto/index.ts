export * from './account.dto';
export * from './actor.dto';
export * from './ip-address';
export * from './key.dto';
export * from './snapshot.dto';
export * from './validation';
export * from './usage.dto';
export * from './panel-user.dto';
