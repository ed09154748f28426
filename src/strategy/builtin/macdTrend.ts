import type { ParameterValues } from '../../indicators/registry/IndicatorDefinition.js';
import type { Strategy } from '../Strategy.js';
import { compareAtScale } from './compareAtScale.js';
import { CrossDetector } from './CrossDetector.js';
import { directionParameter } from './PositionTracker.js';
import { requireParameterOrder } from './requireParameterOrder.js';
import { ruleForms, type FieldPositions, type RuleStep } from './ruleForms.js';
import { TradeTracker } from './TradeTracker.js';

const name = 'macd-trend';
const columns = { macd: 'macd.macd', signal: 'macd.signal' } as const;

/** The rule of one bar, shared by both forms (see `ruleForms`). */
function createRule(parameters: ParameterValues, at: FieldPositions<keyof typeof columns>): RuleStep {
  const tracker = new TradeTracker(parameters.direction);
  const signalCross = new CrossDetector();
  const zeroLine = parameters.filter === 'zero-line';
  const label = `MACD(${parameters.fastPeriod}, ${parameters.slowPeriod}, ${parameters.signalPeriod})`;
  // The reasons depend on the parameters only: written once, not at every signal.
  const up = `${label} crossed above its signal line`;
  const upAbove = `${up} above the zero line`;
  const upBelow = `${up} at or below the zero line`;
  const down = `${label} crossed below its signal line`;
  const downBelow = `${down} below the zero line`;
  const downAbove = `${down} at or above the zero line`;
  const upEntry = { tag: 'macd-cross-up' };
  const downEntry = { tag: 'macd-cross-down' };
  const { macd: macdAt, signal: signalAt } = at;
  return ({ index, close, values }, emit) => {
    const macd = values[macdAt];
    const cross = signalCross.update(compareAtScale(macd, values[signalAt], close));
    if (cross === 0) return;
    const side = compareAtScale(macd, 0, close);
    if (cross > 0) {
      if (!zeroLine) tracker.bullish(emit, index, up, upEntry);
      else if (side > 0) tracker.bullish(emit, index, upAbove, upEntry);
      else tracker.exitShort(emit, index, upBelow);
    } else {
      if (!zeroLine) tracker.bearish(emit, index, down, downEntry);
      else if (side < 0) tracker.bearish(emit, index, downBelow, downEntry);
      else tracker.exitLong(emit, index, downAbove);
    }
  };
}

/**
 * MACD trend following: the MACD line crossing its signal line, optionally only on the trend's side of zero.
 *
 * MACD signal-line crossover on TA-Lib's MACD (EMA(fast) - EMA(slow) of the close, each EMA
 * seeded with an SMA, the signal line an EMA of the MACD; first value at bar
 * slow + signal - 2). Long when the MACD line crosses above its signal line (at or below on
 * the previous bar, strictly above now), out when it crosses below; with `direction` both the
 * downward cross also opens a short. With `filter` zero-line, an entry needs the MACD on its
 * side of zero at the cross (above zero for a long, below for a short); a cross on the other
 * side still closes the opposite position but opens nothing.
 * MACD and its signal line are differences of prices and sit near zero, so they are compared
 * at the scale of the close (`compareAtScale`): readings closer than 1e-10 times the close to each
 * other (a flat stretch, where both are rounding noise) are level in both forms.
 */
export const macdTrend: Strategy = {
  name,
  title: 'MACD signal-line crossover',
  description: 'Long when the MACD line crosses above its signal line, out (or short) when it crosses below; optionally only entries on the matching side of the zero line.',
  parameters: [
    { name: 'fastPeriod', kind: 'integer', default: 12, min: 2, max: 1_000, description: 'period of the fast EMA' },
    { name: 'slowPeriod', kind: 'integer', default: 26, min: 3, max: 5_000, description: 'period of the slow EMA' },
    { name: 'signalPeriod', kind: 'integer', default: 9, min: 1, max: 1_000, description: 'period of the signal line (EMA of the MACD)' },
    { name: 'filter', kind: 'choice', default: 'none', choices: ['none', 'zero-line'], description: 'zero-line: enter long only above zero and short only below' },
    directionParameter,
  ],
  indicators(parameters) {
    const { fastPeriod, slowPeriod, signalPeriod } = parameters;
    requireParameterOrder(name, 'fastPeriod', fastPeriod as number, 'slowPeriod', slowPeriod as number);
    return [{ name: 'macd', parameters: { fastPeriod, slowPeriod, signalPeriod }, as: 'macd' }];
  },
  ...ruleForms(() => columns, createRule),
};
