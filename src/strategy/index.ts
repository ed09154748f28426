/** Strategies: the Strategy interface, both runners, the built-ins and the signal router. */
export * from './Signal.js';
export * from './Strategy.js';
export * from './ColumnSet.js';
export * from './HigherTimeframeBars.js';
export * from './SignalCollector.js';
export * from './resolveStrategyParameters.js';
export * from './prepareStrategy.js';
export * from './runStrategy.js';
export * from './StrategyRunner.js';
export * from './strategyRegistry.js';
export { PositionTracker, directionParameter, type TradeDirection } from './builtin/PositionTracker.js';
export * from './router/index.js';
export * from './sharedStructure.js';
