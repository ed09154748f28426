export * from './errors.js';
export * from './Timeframe.js';
export * from './Bars.js';
export * from './BarsBuilder.js';
export * from './RingBuffer.js';
export * from './time.js';
export * from './inferTimeframe.js';
export * from './Random.js';
