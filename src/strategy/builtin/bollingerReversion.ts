import type { ParameterValues } from '../../indicators/registry/IndicatorDefinition.js';
import type { Strategy } from '../Strategy.js';
import { bollingerBandsPlan, bollingerColumns, bollingerLabel, bollingerParameters } from './bollingerPlan.js';
import { compareLevels } from './compareLevels.js';
import { CrossDetector } from './CrossDetector.js';
import { formatPrice } from './formatPrice.js';
import { directionParameter } from './PositionTracker.js';
import { protectiveLevels } from './protectiveLevels.js';
import { ruleForms, type FieldPositions, type RuleStep } from './ruleForms.js';
import { TradeTracker } from './TradeTracker.js';

const columns = { ...bollingerColumns, atr: 'atr' } as const;

/** The rule of one bar, shared by both forms (see `ruleForms`). */
function createRule(parameters: ParameterValues, at: FieldPositions<keyof typeof columns>): RuleStep {
  const stopAtr = parameters.stopAtr as number;
  const tracker = new TradeTracker(parameters.direction);
  const upperCross = new CrossDetector();
  const lowerCross = new CrossDetector();
  const bands = bollingerLabel(parameters);
  const stopSuffix = `, stop ${stopAtr} ATR(${parameters.atrPeriod})`;
  const stopText = (stopLoss: number | undefined) => (stopLoss === undefined ? '' : stopSuffix);
  const { upper, middle, lower, atr } = at;
  return ({ index, close, values }, emit) => {
    const aroundUpper = upperCross.update(compareLevels(close, values[upper]));
    const aroundLower = lowerCross.update(compareLevels(close, values[lower]));
    const middleBand = values[middle];
    const toMiddle = compareLevels(close, middleBand);
    if (toMiddle >= 0 && tracker.position === 1) tracker.exitLong(emit, index, `close ${formatPrice(close)} reached the middle band of ${bands}`);
    if (toMiddle <= 0 && tracker.position === -1) tracker.exitShort(emit, index, `close ${formatPrice(close)} reached the middle band of ${bands}`);
    const stopDistance = stopAtr > 0 ? stopAtr * values[atr] : NaN;
    if (aroundLower > 0 && tracker.allowLong) {
      const levels = protectiveLevels('long', close, { takeProfit: middleBand, stopLoss: close - stopDistance });
      tracker.bullish(emit, index, `close ${formatPrice(close)} crossed back above the lower band of ${bands}${stopText(levels.stopLoss)}`, { tag: 'lower-band-reversion', ...levels });
    }
    if (aroundUpper < 0 && tracker.allowShort) {
      const levels = protectiveLevels('short', close, { takeProfit: middleBand, stopLoss: close + stopDistance });
      tracker.bearish(emit, index, `close ${formatPrice(close)} crossed back below the upper band of ${bands}${stopText(levels.stopLoss)}`, { tag: 'upper-band-reversion', ...levels });
    }
  };
}

/**
 * Bollinger band mean reversion: fade a close back inside the bands, target the middle.
 *
 * Bollinger mean reversion on TA-Lib's BBANDS (SMA middle band, population standard
 * deviations) and ATR (Wilder). Long when the close crosses back inside from below the lower
 * band (at or below it on the previous bar, strictly above it now); the long exits on the
 * first later close at or above the middle band. The entry carries the middle band at entry
 * as its take-profit, and with `stopAtr` > 0 a stop at the entry close minus `stopAtr` ATRs.
 * Shorts mirror it on the upper band. A take-profit not beyond the close (the close already
 * past the middle band) or a stop without an ATR yet is left out (see `protectiveLevels`).
 * Exits are decided before entries, and never on the entry bar.
 */
export const bollingerReversion: Strategy = {
  name: 'bollinger-reversion',
  title: 'Bollinger band mean reversion',
  description: 'Long when the close crosses back above the lower Bollinger band, out at the middle band, with an optional ATR stop; shorts mirror it on the upper band.',
  parameters: [
    ...bollingerParameters,
    { name: 'stopAtr', kind: 'number', default: 0, min: 0, max: 20, description: 'stop distance from the entry close in ATRs; 0 for no stop' },
    { name: 'atrPeriod', kind: 'integer', default: 14, min: 1, max: 1_000, description: 'period of the ATR that sizes the stop' },
    directionParameter,
  ],
  indicators: (parameters) => [bollingerBandsPlan(parameters), { name: 'atr', parameters: { period: parameters.atrPeriod }, as: 'atr' }],
  ...ruleForms(() => columns, createRule),
};
