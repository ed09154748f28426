import type { PlanEntry } from './computeAll.js';

/**
 * What `tickforge compute` and the main job calculate when the user names nothing: the
 * indicators most strategies start from. Shared intermediates (the EMAs of MACD, Bollinger's
 * mean, the true range) are computed once per series.
 */
export const defaultIndicatorPlan: readonly PlanEntry[] = [
  { name: 'sma', parameters: { period: 20 } },
  { name: 'sma', parameters: { period: 50 } },
  { name: 'sma', parameters: { period: 200 } },
  { name: 'ema', parameters: { period: 12 } },
  { name: 'ema', parameters: { period: 26 } },
];
