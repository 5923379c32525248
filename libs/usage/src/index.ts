export * from './admission.lua';
export * from './quota-ledger';
export * from './rolling-window';
export * from './usage-series';
