/** Chart patterns built on confirmed swings, and support/resistance levels from clustered swings; each batch and incremental. */
export * from './chartPatternTypes.js';
export * from './chartPatternOptions.js';
export * from './chartPatterns.js';
export * from './supportResistance.js';
