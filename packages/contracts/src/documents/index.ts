export * from './templates.js';
export * from './template-admin.js';
export * from './verification.js';
