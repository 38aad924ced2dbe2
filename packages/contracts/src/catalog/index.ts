export * from './common.js';
export * from './definition.js';
export * from './form.js';
export * from './service.js';
export * from './tech-map.js';
export * from './api.js';
export * from './engine.js';
export * from './validate.js';
