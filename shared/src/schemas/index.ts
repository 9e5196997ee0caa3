export * from './common.js';
export * from './policy.js';
export * from './program.js';
export * from './event.js';
export * from './registration.js';
export * from './group.js';
export * from './auth.js';
