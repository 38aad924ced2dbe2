export * from './templates.js';
export * from './verification.js';
