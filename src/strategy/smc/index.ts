/** The SMC signal engine (`smc` strategy) and its steps, each usable alone. */
export * from './validateInput.js';
export * from './marketBias.js';
export * from './pointsOfInterest.js';
export * from './entryTrigger.js';
export * from './stopPlacement.js';
export * from './takeProfitTargets.js';
export * from './riskRewardFilter.js';
export * from './smcReason.js';
export * from './smcSettings.js';
export * from './smcMarket.js';
export * from './SmcPipeline.js';
export * from './smcStrategy.js';
