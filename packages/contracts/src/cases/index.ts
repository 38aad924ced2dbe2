export * from './worklists.js';
export * from './commands.js';
export * from './case-card.js';
export * from './dashboard.js';
export * from './portal.js';
export * from './intra-requests.js';
export * from './case-documents.js';
