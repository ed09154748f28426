import type { ParameterValues } from '../../indicators/registry/IndicatorDefinition.js';
import type { Strategy } from '../Strategy.js';
import { compareLevels } from './compareLevels.js';
import { CrossDetector } from './CrossDetector.js';
import { directionParameter } from './PositionTracker.js';
import { requireParameterOrder } from './requireParameterOrder.js';
import { ruleForms, type FieldPositions, type RuleStep } from './ruleForms.js';
import { TradeTracker } from './TradeTracker.js';

const name = 'rsi-reversion';

/** The rule of one bar, shared by both forms (see `ruleForms`). */
function createRule(parameters: ParameterValues, at: FieldPositions<'rsi'>): RuleStep {
  const period = parameters.period as number;
  const oversold = parameters.oversold as number;
  const overbought = parameters.overbought as number;
  const exitLevel = parameters.exitLevel as number;
  const shortExitLevel = 100 - exitLevel;
  const tracker = new TradeTracker(parameters.direction);
  const oversoldCross = new CrossDetector();
  const overboughtCross = new CrossDetector();
  const exitCross = new CrossDetector();
  const shortExitCross = new CrossDetector();
  const position = at.rsi;
  // The reasons depend on the parameters only: written once, not at every signal.
  const label = `RSI(${period})`;
  const exitAboveExitLevel = `${label} crossed above the exit level ${exitLevel}`;
  const exitAboveOverbought = `${label} crossed above the overbought level ${overbought}`;
  const exitBelowShortExit = `${label} crossed below the exit level ${shortExitLevel} (100 - exitLevel)`;
  const exitBelowOversold = `${label} crossed below the oversold level ${oversold}`;
  const longReason = `${label} crossed back above the oversold level ${oversold}`;
  const shortReason = `${label} crossed back below the overbought level ${overbought}`;
  const longEntry = { tag: 'oversold-reversion' };
  const shortEntry = { tag: 'overbought-reversion' };
  return ({ index, values }, emit) => {
    const rsi = values[position];
    const aroundOversold = oversoldCross.update(compareLevels(rsi, oversold));
    const aroundOverbought = overboughtCross.update(compareLevels(rsi, overbought));
    const aroundExit = exitCross.update(compareLevels(rsi, exitLevel));
    const aroundShortExit = shortExitCross.update(compareLevels(rsi, shortExitLevel));
    if (aroundExit > 0) tracker.exitLong(emit, index, exitAboveExitLevel);
    else if (aroundOverbought > 0) tracker.exitLong(emit, index, exitAboveOverbought);
    if (aroundShortExit < 0) tracker.exitShort(emit, index, exitBelowShortExit);
    else if (aroundOversold < 0) tracker.exitShort(emit, index, exitBelowOversold);
    if (aroundOversold > 0) tracker.bullish(emit, index, longReason, longEntry);
    if (aroundOverbought < 0) tracker.bearish(emit, index, shortReason, shortEntry);
  };
}

/**
 * RSI mean reversion: buy the bounce out of oversold, sell when the RSI has recovered.
 *
 * RSI mean reversion on TA-Lib's RSI (Wilder smoothing, first value at bar `period`).
 * Long when the RSI crosses back above `oversold` (it was at or below it on the last bar with
 * an RSI, and is strictly above it now); the long exits when the RSI crosses above `exitLevel`
 * or above `overbought`. Shorts mirror it on the RSI's symmetry around 50 (the RSI of the
 * inverted prices is 100 minus the RSI): short when the RSI crosses back below `overbought`,
 * exit when it crosses below `100 - exitLevel` or below `oversold`. Exits are decided before
 * entries on each bar, so a bar that leaps from below `oversold` to above `exitLevel` opens a
 * long instead of closing one that is not there; that long then waits for the next cross.
 * Levels are parameters, compared with `compareLevels`, so an RSI that equals a level (it
 * happens with prices in cents) is level in both forms, never above in one and below in the
 * other.
 */
export const rsiReversion: Strategy = {
  name,
  title: 'RSI mean reversion',
  description: 'Long when the RSI crosses back above the oversold level, out when it crosses above the exit level or overbought; shorts mirror it.',
  parameters: [
    { name: 'period', kind: 'integer', default: 14, min: 2, max: 1_000, description: 'RSI period (Wilder smoothing)' },
    { name: 'oversold', kind: 'number', default: 30, min: 1, max: 99, description: 'RSI level whose upward cross opens a long' },
    { name: 'overbought', kind: 'number', default: 70, min: 1, max: 99, description: 'RSI level whose downward cross opens a short, and whose upward cross closes a long' },
    { name: 'exitLevel', kind: 'number', default: 50, min: 1, max: 99, description: 'RSI level whose upward cross closes a long (a short closes below 100 - exitLevel)' },
    directionParameter,
  ],
  indicators(parameters) {
    const { oversold, overbought, exitLevel } = parameters as Record<string, number>;
    requireParameterOrder(name, 'oversold', oversold, 'overbought', overbought);
    requireParameterOrder(name, 'oversold', oversold, 'exitLevel', exitLevel);
    requireParameterOrder(name, '100 - exitLevel (the short exit)', 100 - exitLevel, 'overbought', overbought);
    return [{ name: 'rsi', parameters: { period: parameters.period }, as: 'rsi' }];
  },
  ...ruleForms(() => ({ rsi: 'rsi' }), createRule),
};
