/** The signal router: signals of several strategies and symbols in, deterministic orders out. */
export * from './Order.js';
export * from './RoutingDecision.js';
export * from './RouterPosition.js';
export * from './RouterFeedback.js';
export * from './RouterOptions.js';
export { compareRoutedSignals, duplicateKey, type RoutedSignal } from './groupSteps.js';
export * from './SignalRouter.js';
export * from './routeSignals.js';
