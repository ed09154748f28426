/** The backtest simulator: one columnar engine for signals, routed orders, entry/exit arrays, target positions and explicit orders. */
export * from './BacktestOptions.js';
export * from './BacktestResult.js';
export { simulate } from './simulate.js';
export { liquidationPrice } from './applyFill.js';
