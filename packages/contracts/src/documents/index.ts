export * from './templates.js';
export * from './template-admin.js';
