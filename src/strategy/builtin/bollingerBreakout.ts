import type { ParameterValues } from '../../indicators/registry/IndicatorDefinition.js';
import type { Strategy } from '../Strategy.js';
import { bollingerBandsPlan, bollingerColumns, bollingerLabel, bollingerParameters } from './bollingerPlan.js';
import { compareLevels } from './compareLevels.js';
import { CrossDetector } from './CrossDetector.js';
import { formatPrice } from './formatPrice.js';
import { directionParameter } from './PositionTracker.js';
import { ruleForms, type FieldPositions, type RuleStep } from './ruleForms.js';
import { TradeTracker } from './TradeTracker.js';

/** The rule of one bar, shared by both forms (see `ruleForms`). */
function createRule(parameters: ParameterValues, at: FieldPositions<keyof typeof bollingerColumns>): RuleStep {
  const tracker = new TradeTracker(parameters.direction);
  const upperCross = new CrossDetector();
  const middleCross = new CrossDetector();
  const lowerCross = new CrossDetector();
  const bands = bollingerLabel(parameters);
  const { upper, middle, lower } = at;
  const upperEntry = { tag: 'upper-band-breakout' };
  const lowerEntry = { tag: 'lower-band-breakout' };
  return ({ index, close, values }, emit) => {
    const aroundUpper = upperCross.update(compareLevels(close, values[upper]));
    const aroundMiddle = middleCross.update(compareLevels(close, values[middle]));
    const aroundLower = lowerCross.update(compareLevels(close, values[lower]));
    if (aroundMiddle < 0 && tracker.position === 1) tracker.exitLong(emit, index, `close ${formatPrice(close)} crossed back below the middle band of ${bands}`);
    if (aroundMiddle > 0 && tracker.position === -1) tracker.exitShort(emit, index, `close ${formatPrice(close)} crossed back above the middle band of ${bands}`);
    if (aroundUpper > 0) tracker.bullish(emit, index, `close ${formatPrice(close)} crossed above the upper band of ${bands}`, upperEntry);
    if (aroundLower < 0) tracker.bearish(emit, index, `close ${formatPrice(close)} crossed below the lower band of ${bands}`, lowerEntry);
  };
}

/**
 * Bollinger band breakout: ride a close outside the bands until it returns to the middle.
 *
 * Bollinger breakout (volatility expansion) on TA-Lib's BBANDS: SMA(period) middle band,
 * upper/lower at `deviations` population standard deviations. Long when the close crosses
 * above the upper band (at or below it on the previous bar, strictly above now), exit when
 * the close crosses back below the middle band; shorts mirror it on the lower band. Exits are
 * decided before entries, so one bar falling from above the middle to below the lower band
 * closes the long and, with `direction` both, opens the short. Crosses compare the close with
 * the bands through `compareLevels`; a flat stretch (zero deviation, every band on the close)
 * is level, not a cross. Reasons print the close and the parameters, not the band values.
 */
export const bollingerBreakout: Strategy = {
  name: 'bollinger-breakout',
  title: 'Bollinger band breakout',
  description: 'Long when the close crosses above the upper Bollinger band, out when it crosses back below the middle band; shorts mirror it on the lower band.',
  parameters: [...bollingerParameters, directionParameter],
  indicators: (parameters) => [bollingerBandsPlan(parameters)],
  ...ruleForms(() => bollingerColumns, createRule),
};
