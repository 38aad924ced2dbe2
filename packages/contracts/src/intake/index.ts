export * from './identifiers.js';
export * from './registry.js';
export * from './consultations.js';
export * from './statuses.js';
export * from './applications.js';
export * from './portal.js';
