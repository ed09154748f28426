import type { ParameterValues } from '../../indicators/registry/IndicatorDefinition.js';
import type { Strategy } from '../Strategy.js';
import { formatPrice } from './formatPrice.js';
import { directionParameter } from './PositionTracker.js';
import { protectiveLevels } from './protectiveLevels.js';
import { ruleForms, type FieldPositions, type RuleStep } from './ruleForms.js';
import { TradeTracker } from './TradeTracker.js';

const columns = { line: 'supertrend.supertrend', trend: 'supertrend.direction' } as const;

/** The rule of one bar, shared by both forms (see `ruleForms`). */
function createRule(parameters: ParameterValues, at: FieldPositions<keyof typeof columns>): RuleStep {
  const tracker = new TradeTracker(parameters.direction);
  const trailing = parameters.trailing === 'line-distance';
  const label = `SuperTrend(${parameters.period}, ${parameters.multiplier})`;
  const { line: lineAt, trend: trendAt } = at;
  let previous = NaN;
  return ({ index, close, values }, emit) => {
    const trend = values[trendAt];
    if (Number.isNaN(trend)) return;
    const before = previous;
    previous = trend;
    const up = before < 0 && trend > 0;
    if (!up && !(before > 0 && trend < 0)) return;
    const line = values[lineAt];
    const side = up ? 'long' : 'short';
    const levels = protectiveLevels(side, close, { stopLoss: line });
    if (trailing && levels.stopLoss !== undefined) levels.trailingStop = Math.abs(close - line);
    const stopText = levels.stopLoss === undefined ? '' : ', stop at the SuperTrend line';
    const price = formatPrice(close);
    const reason = up ? `${label} turned up: close ${price} rose above its upper band` : `${label} turned down: close ${price} fell below its lower band`;
    const entry = { tag: up ? 'supertrend-up' : 'supertrend-down', ...levels };
    if (up) tracker.bullish(emit, index, reason + stopText, entry, reason);
    else tracker.bearish(emit, index, reason + stopText, entry, reason);
  };
}

/**
 * SuperTrend trend following: in on a flip, with the line as the stop.
 *
 * SuperTrend flips (the registry's SuperTrend: TradingView's definition on TA-Lib's ATR; TA-Lib
 * itself has none). Long when the direction turns from down (-1) to up (+1), short (with
 * `direction` short or both) when it turns down; a flip closes the opposite position. The
 * first bar with a direction is not a flip. The entry's stop is the SuperTrend line of the
 * flip bar (the final lower band for a long), and with `trailing` line-distance its
 * trailing-stop distance is the gap between the close and that line, so the stop then trails
 * the best price by the same distance. A line on the wrong side of the close (possible with a
 * multiplier near 0) is left out, and the trailing distance with it (see `protectiveLevels`).
 * The direction is exactly ±1 in both forms; the reasons print the close, not the line.
 */
export const supertrendFlip: Strategy = {
  name: 'supertrend',
  title: 'SuperTrend flip',
  description: 'Long when SuperTrend turns up, out (or short) when it turns down; the stop is the SuperTrend line, optionally trailing at its distance from the close.',
  parameters: [
    { name: 'period', kind: 'integer', default: 10, min: 1, max: 1_000, description: 'ATR period' },
    { name: 'multiplier', kind: 'number', default: 3, min: 0.1, max: 20, description: 'band distance from the median price in ATRs' },
    { name: 'trailing', kind: 'choice', default: 'none', choices: ['none', 'line-distance'], description: 'line-distance: also give a trailing stop at the entry distance between the close and the line' },
    directionParameter,
  ],
  indicators: ({ period, multiplier }) => [{ name: 'supertrend', parameters: { period, multiplier }, as: 'supertrend' }],
  ...ruleForms(() => columns, createRule),
};
