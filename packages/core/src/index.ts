export * from './endpoint-contract.js';
export * from './errors.js';
export * from './provider.js';
