export * from './hash.js';
export * from './merkle.js';
export * from './format.js';
