export * from './taxonomy.js';
export * from './tagging.js';
export * from './matching.js';
export * from './availability.js';
export * from './time.js';
export * from './schemas/index.js';
