export * from './calendar.js';
export * from './errors-ru.js';
export * from './identifiers.js';
export * from './org.js';
export * from './platform.js';
export * from './roles.js';
export * from './sign-in.js';
export * from './signatures.js';
