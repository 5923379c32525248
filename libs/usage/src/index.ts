export * from './admission.lua';
export * from './quota-ledger';
export * from './rolling-window';
export * from './usage-series';
export * from './quota-thresholds';
export * from './quota-alert.job';
export * from './ledger-keyspace';
export * from './legacy-ledger-merge';
